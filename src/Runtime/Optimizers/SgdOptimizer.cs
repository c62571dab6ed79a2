using System;
using System.Numerics.Tensors;

namespace DslNet;

/// <summary>Plain stochastic gradient descent: <c>p ← p − lr·g</c>.</summary>
public sealed class SgdOptimizer : IOptimizer
{
    private float _learningRate;

    /// <summary>Creates the optimiser.</summary>
    /// <param name="learningRate">The step size, positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is not positive and finite.</exception>
    public SgdOptimizer(float learningRate)
    {
        _learningRate = OptimizerArguments.CheckLearningRate(learningRate, nameof(SgdOptimizer));
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and finite.</exception>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerArguments.CheckLearningRate(value, nameof(SgdOptimizer));
    }

    /// <inheritdoc />
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        OptimizerArguments.CheckLengths(parameters.Length, gradients.Length, nameof(SgdOptimizer));
        // g·(−lr) + p, in place.
        TensorPrimitives.MultiplyAdd(gradients, -_learningRate, parameters, parameters);
    }
}
