namespace DslNet;

/// <summary>How a <see cref="VaeTrainer"/> runs: the common options plus the weight β of the KL term.</summary>
public sealed class VaeOptions : GenerativeTrainerOptions
{
    /// <summary>
    /// The weight of the KL term in the loss <c>reconstruction + β·KL</c>; 1 (the default) gives the ELBO, larger values
    /// trade reconstruction for a latent space closer to the prior (β-VAE). Finite and at least 0.
    /// </summary>
    public float Beta { get; init; } = 1f;
}
