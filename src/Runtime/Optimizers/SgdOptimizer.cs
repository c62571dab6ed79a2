using System;
using System.Numerics.Tensors;

namespace DslNet;

/// <summary>
/// Plain stochastic gradient descent, as PyTorch's <c>SGD</c> without momentum: <c>p ← p − lr·(g + λ·p)</c>,
/// where the weight decay λ applies to weights only unless <see cref="DecayBiases"/> (and to every parameter
/// when the optimiser is never bound to a layout).
/// </summary>
/// <remarks>
/// Without weight decay the optimiser keeps no state, so one instance may serve several networks; with it,
/// it serves one parameter count, fixed by <see cref="Bind"/> or the first step.
/// </remarks>
public sealed class SgdOptimizer : IOptimizer
{
    private readonly ParameterGroups _groups;
    private float _learningRate;

    // g + λ·p; allocated once, and only with weight decay.
    private float[]? _decayed;

    /// <summary>Creates the optimiser.</summary>
    /// <param name="learningRate">The step size, finite and at least 0.</param>
    /// <param name="weightDecay">The L2 coefficient λ added to the gradient as <c>λ·p</c>; finite and at least 0.</param>
    /// <param name="decayBiases">Whether λ applies to bias slices too (by default only to weights).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public SgdOptimizer(float learningRate, float weightDecay = 0f, bool decayBiases = false)
    {
        _learningRate = OptimizerArguments.CheckLearningRate(learningRate, nameof(SgdOptimizer));
        WeightDecay = OptimizerArguments.CheckWeightDecay(weightDecay, nameof(SgdOptimizer));
        DecayBiases = decayBiases;
        _groups = new ParameterGroups(nameof(SgdOptimizer), decayBiases);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerArguments.CheckLearningRate(value, nameof(SgdOptimizer));
    }

    /// <summary>The L2 coefficient λ.</summary>
    public float WeightDecay { get; }

    /// <summary>Whether <see cref="WeightDecay"/> applies to bias slices too.</summary>
    public bool DecayBiases { get; }

    /// <inheritdoc />
    public void Bind(ParameterLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (WeightDecay == 0) return;
        _groups.Bind(layout);
        _decayed ??= new float[layout.ParameterCount];
    }

    /// <inheritdoc />
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        OptimizerArguments.CheckLengths(parameters.Length, gradients.Length, nameof(SgdOptimizer));
        ReadOnlySpan<float> direction = gradients;
        if (WeightDecay > 0)
        {
            _groups.Prepare(parameters.Length);
            _decayed ??= new float[parameters.Length];
            direction = _groups.AddDecay(parameters, gradients, WeightDecay, _decayed);
        }
        // g·(−lr) + p, in place.
        TensorPrimitives.MultiplyAdd(direction, -_learningRate, parameters, parameters);
    }

    /// <inheritdoc />
    public OptimizerState ExportState() =>
        new OptimizerState(nameof(SgdOptimizer))
            .AddScalar(OptimizerState.LearningRateName, _learningRate)
            .AddScalar("weightDecay", WeightDecay)
            .AddScalar("decayBiases", DecayBiases ? 1 : 0);

    /// <inheritdoc />
    public void ImportState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.ExpectOptimizer(nameof(SgdOptimizer));
        state.ExpectSetting("weightDecay", WeightDecay);
        state.ExpectSetting("decayBiases", DecayBiases ? 1 : 0);
        _learningRate = state.GetLearningRate();
    }
}
