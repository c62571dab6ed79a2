using System;

namespace DslNet;

/// <summary>
/// AdamW (Loshchilov and Hutter), Adam with decoupled weight decay, in PyTorch's form and with its defaults
/// (lr 0.001, β₁ 0.9, β₂ 0.999, ε 1e-8, λ 0.01): first <c>p ← p·(1 − lr·λ)</c> on the weights (and the
/// biases with <see cref="DecayBiases"/>; on every parameter when never bound to a layout), then the
/// <see cref="AdamOptimizer"/> update from the gradient itself, so the decay is not scaled by the moments.
/// </summary>
public sealed class AdamWOptimizer : IOptimizer
{
    private readonly ParameterGroups _groups;
    private readonly AdamMoments _moments;
    private float _learningRate;

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
    {
        _learningRate = OptimizerArguments.CheckLearningRate(learningRate, nameof(AdamWOptimizer));
        Beta1 = OptimizerArguments.CheckDecayRate(beta1, nameof(beta1), nameof(AdamWOptimizer));
        Beta2 = OptimizerArguments.CheckDecayRate(beta2, nameof(beta2), nameof(AdamWOptimizer));
        Epsilon = OptimizerArguments.CheckEpsilon(epsilon, nameof(AdamWOptimizer));
        WeightDecay = OptimizerArguments.CheckWeightDecay(weightDecay, nameof(AdamWOptimizer));
        DecayBiases = decayBiases;
        _groups = new ParameterGroups(nameof(AdamWOptimizer), decayBiases);
        _moments = new AdamMoments(Beta1, Beta2, Epsilon);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerArguments.CheckLearningRate(value, nameof(AdamWOptimizer));
    }

    /// <summary>The decay β₁ of the gradient average.</summary>
    public float Beta1 { get; }

    /// <summary>The decay β₂ of the squared-gradient average.</summary>
    public float Beta2 { get; }

    /// <summary>The term ε added to the root mean square.</summary>
    public float Epsilon { get; }

    /// <summary>The decoupled decay λ.</summary>
    public float WeightDecay { get; }

    /// <summary>Whether <see cref="WeightDecay"/> applies to bias slices too.</summary>
    public bool DecayBiases { get; }

    /// <summary>The steps taken so far, t.</summary>
    public long StepCount => _moments.StepCount;

    /// <inheritdoc />
    public void Bind(ParameterLayout layout)
    {
        _groups.Bind(layout);
        _moments.Allocate(layout.ParameterCount);
    }

    /// <inheritdoc />
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        OptimizerArguments.CheckLengths(parameters.Length, gradients.Length, nameof(AdamWOptimizer));
        _groups.Prepare(parameters.Length);
        _moments.Allocate(parameters.Length);
        if (WeightDecay > 0)
        {
            // 1 − lr·λ in double, as PyTorch computes it in Python floats.
            _groups.ScaleDecayed(parameters, (float)(1 - (double)_learningRate * WeightDecay));
        }
        _moments.Update(parameters, gradients, _learningRate);
    }

    /// <inheritdoc />
    public OptimizerState ExportState() =>
        _moments.Export(new OptimizerState(nameof(AdamWOptimizer))
            .AddScalar(OptimizerState.LearningRateName, _learningRate)
            .AddScalar("beta1", Beta1)
            .AddScalar("beta2", Beta2)
            .AddScalar("epsilon", Epsilon)
            .AddScalar("weightDecay", WeightDecay)
            .AddScalar("decayBiases", DecayBiases ? 1 : 0));

    /// <inheritdoc />
    public void ImportState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.ExpectOptimizer(nameof(AdamWOptimizer));
        state.ExpectSetting("beta1", Beta1);
        state.ExpectSetting("beta2", Beta2);
        state.ExpectSetting("epsilon", Epsilon);
        state.ExpectSetting("weightDecay", WeightDecay);
        state.ExpectSetting("decayBiases", DecayBiases ? 1 : 0);
        float learningRate = state.GetLearningRate();
        var commit = _moments.Import(state, _groups);

        // Everything is valid: commit.
        _learningRate = learningRate;
        commit(_groups);
    }
}
