namespace DslNet;

/// <summary>
/// The two terms of a variational autoencoder's loss, per sample and averaged over the samples, and the
/// evidence lower bound they make.
/// </summary>
/// <param name="Reconstruction">The reconstruction loss summed over the outputs of a sample: the negative log-likelihood
/// <c>−log p(x | z)</c> for binary cross-entropy, the squared error for mean squared error.</param>
/// <param name="Kl">The KL divergence from the encoder's Gaussian to the prior, summed over the latent units.</param>
public sealed record VaeEvaluation(float Reconstruction, float Kl)
{
    /// <summary>The evidence lower bound <c>−(reconstruction + KL)</c> (β does not enter it); higher is better.</summary>
    public float Elbo => -(Reconstruction + Kl);
}
