using System;
using System.Numerics.Tensors;

namespace DslNet;

/// <summary>
/// Plain stochastic gradient descent, as PyTorch's <c>SGD</c> without momentum: <c>p ← p − lr·(g + λ·p)</c>,
/// where the weight decay λ applies to weights only unless <see cref="FirstOrderOptimizer.DecayBiases"/> (and to every parameter
/// when the optimiser is never bound to a layout).
/// </summary>
/// <remarks>
/// Without weight decay the optimiser keeps no state, so one instance may serve several networks; with it,
/// it serves one parameter count, fixed by <see cref="FirstOrderOptimizer.Bind"/> or the first step.
/// </remarks>
public sealed class SgdOptimizer : FirstOrderOptimizer
{
    /// <summary>Creates the optimiser.</summary>
    /// <param name="learningRate">The step size, finite and at least 0.</param>
    /// <param name="weightDecay">The L2 coefficient λ added to the gradient as <c>λ·p</c>; finite and at least 0.</param>
    /// <param name="decayBiases">Whether λ applies to bias slices too (by default only to weights).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public SgdOptimizer(float learningRate, float weightDecay = 0f, bool decayBiases = false)
        : base(learningRate, weightDecay, decayBiases)
    {
    }

    // Without weight decay nothing depends on the parameter count.
    private protected override bool KeepsState => WeightDecay > 0;

    // g'·(−lr) + p, in place.
    private protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients) =>
        TensorPrimitives.MultiplyAdd(WithL2Decay(parameters, gradients), -LearningRate, parameters, parameters);
}
