using System;

namespace DslNet;

/// <summary>
/// AdamW (Loshchilov and Hutter), Adam with decoupled weight decay, in PyTorch's form and with its defaults
/// (lr 0.001, β₁ 0.9, β₂ 0.999, ε 1e-8, λ 0.01): first <c>p ← p·(1 − lr·λ)</c> on the weights (and the
/// biases with <see cref="FirstOrderOptimizer.DecayBiases"/>; on every parameter when never bound to a layout), then the
/// <see cref="AdamOptimizer"/> update from the gradient itself, so the decay is not scaled by the moments.
/// </summary>
public sealed class AdamWOptimizer : AdaptiveMomentOptimizer
{
    /// <summary>Creates the optimiser.</summary>
    /// <param name="learningRate">The step size, finite and at least 0.</param>
    /// <param name="beta1">The decay β₁ of the gradient average, in [0, 1).</param>
    /// <param name="beta2">The decay β₂ of the squared-gradient average, in [0, 1).</param>
    /// <param name="epsilon">Added to the root mean square, positive.</param>
    /// <param name="weightDecay">The decoupled decay λ: each step multiplies decayed parameters by <c>1 − lr·λ</c>; finite and at least 0.</param>
    /// <param name="decayBiases">Whether λ applies to bias slices too (by default only to weights).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public AdamWOptimizer(
        float learningRate = 0.001f,
        float beta1 = 0.9f,
        float beta2 = 0.999f,
        float epsilon = 1e-8f,
        float weightDecay = 0.01f,
        bool decayBiases = false)
        : base(learningRate, beta1, beta2, epsilon, weightDecay, decayBiases)
    {
    }

    // The decay scales the parameters in place: no g + λ·p to hold.
    private protected override bool NeedsScratch => false;

    private protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (WeightDecay > 0)
        {
            // 1 − lr·λ in double, as PyTorch computes it in Python floats.
            Groups.ScaleDecayed(parameters, (float)(1 - (double)LearningRate * WeightDecay));
        }
        Moments.Update(parameters, gradients, LearningRate);
    }
}
