using System;

namespace DslNet;

/// <summary>
/// Adam (Kingma and Ba) in PyTorch's form and with its defaults (lr 0.001, β₁ 0.9, β₂ 0.999, ε 1e-8), with
/// bias correction: with the gradient <c>g' = g + λ·p</c> (L2 weight decay λ, 0 by default, on weights only
/// unless <see cref="DecayBiases"/>, and on every parameter when never bound to a layout),
/// <c>m ← β₁·m + (1 − β₁)·g'</c>, <c>v ← β₂·v + (1 − β₂)·g'²</c>, and at step t
/// <c>p ← p − lr·(m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)</c>. For decoupled decay use <see cref="AdamWOptimizer"/>.
/// </summary>
public sealed class AdamOptimizer : IOptimizer
{
    private readonly ParameterGroups _groups;
    private readonly AdamMoments _moments;
    private float _learningRate;

    // g + λ·p; allocated once, and only with weight decay.
    private float[]? _decayed;

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
    {
        _learningRate = OptimizerArguments.CheckLearningRate(learningRate, nameof(AdamOptimizer));
        Beta1 = OptimizerArguments.CheckDecayRate(beta1, nameof(beta1), nameof(AdamOptimizer));
        Beta2 = OptimizerArguments.CheckDecayRate(beta2, nameof(beta2), nameof(AdamOptimizer));
        Epsilon = OptimizerArguments.CheckEpsilon(epsilon, nameof(AdamOptimizer));
        WeightDecay = OptimizerArguments.CheckWeightDecay(weightDecay, nameof(AdamOptimizer));
        DecayBiases = decayBiases;
        _groups = new ParameterGroups(nameof(AdamOptimizer), decayBiases);
        _moments = new AdamMoments(Beta1, Beta2, Epsilon);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerArguments.CheckLearningRate(value, nameof(AdamOptimizer));
    }

    /// <summary>The decay β₁ of the gradient average.</summary>
    public float Beta1 { get; }

    /// <summary>The decay β₂ of the squared-gradient average.</summary>
    public float Beta2 { get; }

    /// <summary>The term ε added to the root mean square.</summary>
    public float Epsilon { get; }

    /// <summary>The L2 coefficient λ.</summary>
    public float WeightDecay { get; }

    /// <summary>Whether <see cref="WeightDecay"/> applies to bias slices too.</summary>
    public bool DecayBiases { get; }

    /// <summary>The steps taken so far, t.</summary>
    public long StepCount => _moments.StepCount;

    /// <inheritdoc />
    public void Bind(ParameterLayout layout)
    {
        _groups.Bind(layout);
        Allocate(layout.ParameterCount);
    }

    /// <inheritdoc />
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        OptimizerArguments.CheckLengths(parameters.Length, gradients.Length, nameof(AdamOptimizer));
        _groups.Prepare(parameters.Length);
        Allocate(parameters.Length);
        ReadOnlySpan<float> gradient = WeightDecay > 0 ? _groups.AddDecay(parameters, gradients, WeightDecay, _decayed) : gradients;
        _moments.Update(parameters, gradient, _learningRate);
    }

    /// <inheritdoc />
    public OptimizerState ExportState() =>
        _moments.Export(new OptimizerState(nameof(AdamOptimizer))
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
        state.ExpectOptimizer(nameof(AdamOptimizer));
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

    private void Allocate(int count)
    {
        _moments.Allocate(count);
        if (WeightDecay > 0) _decayed ??= new float[count];
    }
}
