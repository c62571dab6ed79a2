using System;
using System.Numerics.Tensors;

namespace DslNet;

/// <summary>
/// Stochastic gradient descent with momentum in PyTorch's form (no dampening): <c>v ← μ·v + g</c>,
/// <c>p ← p − lr·v</c>, with <c>v</c> starting at zero so the first step is plain SGD.
/// </summary>
public sealed class SgdMomentumOptimizer : IOptimizer
{
    private float _learningRate;

    // The velocity; allocated on the first step, when the parameter count becomes known.
    private float[]? _velocity;

    /// <summary>Creates the optimiser.</summary>
    /// <param name="learningRate">The step size, positive and finite.</param>
    /// <param name="momentum">The velocity decay μ, in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public SgdMomentumOptimizer(float learningRate, float momentum = 0.9f)
    {
        _learningRate = OptimizerArguments.CheckLearningRate(learningRate, nameof(SgdMomentumOptimizer));
        if (!(momentum >= 0 && momentum < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"{nameof(SgdMomentumOptimizer)}: momentum must be in [0, 1).");
        }
        Momentum = momentum;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and finite.</exception>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerArguments.CheckLearningRate(value, nameof(SgdMomentumOptimizer));
    }

    /// <summary>The velocity decay μ.</summary>
    public float Momentum { get; }

    /// <inheritdoc />
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        OptimizerArguments.CheckLengths(parameters.Length, gradients.Length, nameof(SgdMomentumOptimizer));
        _velocity ??= new float[parameters.Length];
        if (_velocity.Length != parameters.Length)
        {
            throw new ArgumentException(
                $"{nameof(SgdMomentumOptimizer)}: its velocity was made for {_velocity.Length} parameters on the first step, but this step has {parameters.Length}; use one optimiser per network.",
                nameof(parameters));
        }
        TensorPrimitives.MultiplyAdd(_velocity, Momentum, gradients, _velocity);
        TensorPrimitives.MultiplyAdd(_velocity, -_learningRate, parameters, parameters);
    }
}
