using System;

namespace DslNet;

/// <summary>
/// The reparameterisation trick of a variational autoencoder: a latent sample <c>z = μ + σ·ε</c> with
/// <c>σ = exp(½·log σ²)</c> and <c>ε ~ N(0, 1)</c> drawn from a seeded generator. The randomness sits in ε,
/// outside the network, so z is a differentiable function of the encoder's μ and log σ² and the gradient
/// flows back through the sample.
/// </summary>
/// <remarks>
/// The encoder predicts log σ² rather than σ so that any real output gives a positive σ without a
/// constraint. Every span holds the same number of floats: one per latent unit of every sample.
/// </remarks>
public static class Reparameterization
{
    /// <summary>Fills <paramref name="noise"/> with independent standard normal samples ε from <paramref name="random"/>.</summary>
    public static void DrawNoise(FastRandom random, Span<float> noise)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < noise.Length; i++) noise[i] = random.NextGaussian();
    }

    /// <summary>Writes <c>z = μ + exp(½·log σ²)·ε</c> element by element.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Sample(ReadOnlySpan<float> mean, ReadOnlySpan<float> logVariance, ReadOnlySpan<float> noise, Span<float> z)
    {
        CheckLengths(mean.Length, logVariance.Length, noise.Length, z.Length);
        for (int i = 0; i < z.Length; i++) z[i] = mean[i] + MathF.Exp(0.5f * logVariance[i]) * noise[i];
    }

    /// <summary>
    /// Back-propagates dL/dz through the sample with the same ε: <c>dL/dμ = dL/dz</c> and
    /// <c>dL/d(log σ²) = dL/dz · ε · ½σ</c>. The results are added to the gradient spans (as a network's
    /// <c>Backward</c> adds to its gradients), so the KL term's gradient can go into the same spans.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Backward(
        ReadOnlySpan<float> zGradient,
        ReadOnlySpan<float> logVariance,
        ReadOnlySpan<float> noise,
        Span<float> meanGradient,
        Span<float> logVarianceGradient)
    {
        CheckLengths(zGradient.Length, logVariance.Length, noise.Length, meanGradient.Length);
        CheckLengths(zGradient.Length, logVarianceGradient.Length, zGradient.Length, zGradient.Length);
        for (int i = 0; i < zGradient.Length; i++)
        {
            meanGradient[i] += zGradient[i];
            logVarianceGradient[i] += zGradient[i] * noise[i] * 0.5f * MathF.Exp(0.5f * logVariance[i]);
        }
    }

    private static void CheckLengths(int first, int second, int third, int fourth)
    {
        if (second != first || third != first || fourth != first)
        {
            throw new ArgumentException(
                $"{nameof(Reparameterization)}: every span must hold one float per latent unit and sample; got lengths {first}, {second}, {third} and {fourth}.");
        }
    }
}
