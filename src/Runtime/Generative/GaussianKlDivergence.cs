using System;
using DslNet.CompilerServices;

namespace DslNet;

/// <summary>
/// The KL divergence from a diagonal Gaussian <c>N(μ, σ²)</c> to the standard normal prior <c>N(0, I)</c>, in
/// closed form: <c>KL = −½ Σ_j (1 + log σ²_j − μ_j² − σ²_j)</c> summed over the latent units of a sample and
/// averaged over the batch. It is the regulariser of a variational autoencoder's loss.
/// </summary>
/// <remarks>
/// Its gradient is <c>∂KL/∂μ_j = μ_j</c> and <c>∂KL/∂(log σ²_j) = ½(σ²_j − 1)</c>: it pulls the means to 0 and the
/// variances to 1. Sums run in double precision, so a large latent layer does not lose the small terms.
/// </remarks>
public static class GaussianKlDivergence
{
    /// <summary>
    /// Returns the KL term averaged over the batch and, unless the gradient spans are empty, adds
    /// <c>scale / batch</c> times its gradient to them (the scale is the β of a β-VAE).
    /// </summary>
    /// <param name="mean">μ, [batch, latent] row-major.</param>
    /// <param name="logVariance">log σ², same shape.</param>
    /// <param name="meanGradient">Receives <c>scale·μ / batch</c> added, same shape, or empty.</param>
    /// <param name="logVarianceGradient">Receives <c>scale·½(σ² − 1) / batch</c> added, same shape, or empty.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="scale">The factor on the gradient (not on the returned value).</param>
    /// <exception cref="ArgumentException">The batch is not positive, or a length does not fit it.</exception>
    public static float Compute(
        ReadOnlySpan<float> mean,
        ReadOnlySpan<float> logVariance,
        Span<float> meanGradient,
        Span<float> logVarianceGradient,
        int batch,
        float scale = 1f)
    {
        NetworkArguments.CheckBatch(batch, nameof(GaussianKlDivergence));
        if (mean.Length == 0 || mean.Length % batch != 0 || logVariance.Length != mean.Length)
        {
            throw new ArgumentException(
                $"{nameof(GaussianKlDivergence)}: mean and logVariance must both hold batch × latent floats; got {mean.Length} and {logVariance.Length} for batch {batch}.");
        }
        bool withGradient = !meanGradient.IsEmpty || !logVarianceGradient.IsEmpty;
        if (withGradient && (meanGradient.Length != mean.Length || logVarianceGradient.Length != mean.Length))
        {
            throw new ArgumentException(
                $"{nameof(GaussianKlDivergence)}: both gradients must be empty or hold {mean.Length} floats like mean; got {meanGradient.Length} and {logVarianceGradient.Length}.");
        }
        double sum = 0;
        float step = scale / batch;
        for (int i = 0; i < mean.Length; i++)
        {
            double variance = Math.Exp(logVariance[i]);
            sum += -0.5 * (1 + logVariance[i] - (double)mean[i] * mean[i] - variance);
            if (withGradient)
            {
                meanGradient[i] += step * mean[i];
                logVarianceGradient[i] += step * 0.5f * (float)(variance - 1);
            }
        }
        return (float)(sum / batch);
    }
}
