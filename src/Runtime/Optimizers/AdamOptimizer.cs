using System;

namespace DslNet;

/// <summary>
/// Adam (Kingma and Ba) in PyTorch's form and with its defaults (lr 0.001, β₁ 0.9, β₂ 0.999, ε 1e-8), with
/// bias correction: with the gradient <c>g' = g + λ·p</c> (L2 weight decay λ, 0 by default, on weights only
/// unless <see cref="FirstOrderOptimizer.DecayBiases"/>, and on every parameter when never bound to a layout),
/// <c>m ← β₁·m + (1 − β₁)·g'</c>, <c>v ← β₂·v + (1 − β₂)·g'²</c>, and at step t
/// <c>p ← p − lr·(m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)</c>. For decoupled decay use <see cref="AdamWOptimizer"/>.
/// </summary>
public sealed class AdamOptimizer : AdaptiveMomentOptimizer
{
    /// <summary>Creates the optimiser.</summary>
    /// <param name="learningRate">The step size, finite and at least 0.</param>
    /// <param name="beta1">The decay β₁ of the gradient average, in [0, 1).</param>
    /// <param name="beta2">The decay β₂ of the squared-gradient average, in [0, 1).</param>
    /// <param name="epsilon">Added to the root mean square, positive.</param>
    /// <param name="weightDecay">The L2 coefficient λ added to the gradient as <c>λ·p</c>; finite and at least 0.</param>
    /// <param name="decayBiases">Whether λ applies to bias slices too (by default only to weights).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public AdamOptimizer(
        float learningRate = 0.001f,
        float beta1 = 0.9f,
        float beta2 = 0.999f,
        float epsilon = 1e-8f,
        float weightDecay = 0f,
        bool decayBiases = false)
        : base(learningRate, beta1, beta2, epsilon, weightDecay, decayBiases)
    {
    }

    private protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients) =>
        Moments.Update(parameters, WithL2Decay(parameters, gradients), LearningRate);
}
