using System;
using System.Numerics.Tensors;

namespace DslNet;

/// <summary>
/// RMSProp in PyTorch's form and with its defaults (lr 0.01, α 0.99, ε 1e-8, no momentum, not centred).
/// With the gradient <c>g' = g + λ·p</c> (weight decay λ on weights only unless <see cref="DecayBiases"/>,
/// and on every parameter when the optimiser is never bound to a layout):
/// <c>v ← α·v + (1 − α)·g'²</c>; centred, also <c>ḡ ← α·ḡ + (1 − α)·g'</c> and <c>v̂ = v − ḡ²</c>, else
/// <c>v̂ = v</c>; <c>d = g' / (√v̂ + ε)</c>; with momentum μ, <c>b ← μ·b + d</c> and <c>p ← p − lr·b</c>,
/// else <c>p ← p − lr·d</c>. All state starts at zero.
/// </summary>
public sealed class RmsPropOptimizer : IOptimizer
{
    private readonly ParameterGroups _groups;
    private float _learningRate;

    // v, ḡ (centred only) and b (momentum only); allocated by Bind or the first step.
    private float[]? _squareAverage;
    private float[]? _gradientAverage;
    private float[]? _momentumBuffer;

    // Intermediate terms, and g + λ·p (weight decay only).
    private float[]? _work;
    private float[]? _decayed;

    /// <summary>Creates the optimiser.</summary>
    /// <param name="learningRate">The step size, finite and at least 0.</param>
    /// <param name="alpha">The decay α of the squared-gradient average, in [0, 1).</param>
    /// <param name="epsilon">Added to the root mean square, positive.</param>
    /// <param name="momentum">The momentum μ of the scaled step, in [0, 1); 0 keeps no buffer.</param>
    /// <param name="centered">Whether to divide by the variance estimate <c>v − ḡ²</c> instead of <c>v</c>.</param>
    /// <param name="weightDecay">The L2 coefficient λ added to the gradient as <c>λ·p</c>; finite and at least 0.</param>
    /// <param name="decayBiases">Whether λ applies to bias slices too (by default only to weights).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public RmsPropOptimizer(
        float learningRate = 0.01f,
        float alpha = 0.99f,
        float epsilon = 1e-8f,
        float momentum = 0f,
        bool centered = false,
        float weightDecay = 0f,
        bool decayBiases = false)
    {
        _learningRate = OptimizerArguments.CheckLearningRate(learningRate, nameof(RmsPropOptimizer));
        Alpha = OptimizerArguments.CheckDecayRate(alpha, nameof(alpha), nameof(RmsPropOptimizer));
        Epsilon = OptimizerArguments.CheckEpsilon(epsilon, nameof(RmsPropOptimizer));
        Momentum = OptimizerArguments.CheckDecayRate(momentum, nameof(momentum), nameof(RmsPropOptimizer));
        Centered = centered;
        WeightDecay = OptimizerArguments.CheckWeightDecay(weightDecay, nameof(RmsPropOptimizer));
        DecayBiases = decayBiases;
        _groups = new ParameterGroups(nameof(RmsPropOptimizer), decayBiases);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerArguments.CheckLearningRate(value, nameof(RmsPropOptimizer));
    }

    /// <summary>The decay α of the squared-gradient average.</summary>
    public float Alpha { get; }

    /// <summary>The term ε added to the root mean square.</summary>
    public float Epsilon { get; }

    /// <summary>The momentum μ of the scaled step; 0 for none.</summary>
    public float Momentum { get; }

    /// <summary>Whether the step divides by the variance estimate instead of the mean square.</summary>
    public bool Centered { get; }

    /// <summary>The L2 coefficient λ.</summary>
    public float WeightDecay { get; }

    /// <summary>Whether <see cref="WeightDecay"/> applies to bias slices too.</summary>
    public bool DecayBiases { get; }

    /// <inheritdoc />
    public void Bind(ParameterLayout layout)
    {
        _groups.Bind(layout);
        Allocate(layout.ParameterCount);
    }

    /// <inheritdoc />
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        OptimizerArguments.CheckLengths(parameters.Length, gradients.Length, nameof(RmsPropOptimizer));
        _groups.Prepare(parameters.Length);
        Allocate(parameters.Length);
        Span<float> squareAverage = _squareAverage;
        Span<float> work = _work;
        ReadOnlySpan<float> gradient = WeightDecay > 0 ? _groups.AddDecay(parameters, gradients, WeightDecay, _decayed) : gradients;
        float keep = 1f - Alpha;

        // v ← α·v + ((1 − α)·g')·g'
        TensorPrimitives.Multiply(squareAverage, Alpha, squareAverage);
        TensorPrimitives.Multiply(gradient, keep, work);
        TensorPrimitives.MultiplyAdd(work, gradient, squareAverage, squareAverage);
        if (Centered)
        {
            // ḡ ← α·ḡ + (1 − α)·g', then √max(v − ḡ², 0): rounding can push the variance a hair below zero.
            Span<float> gradientAverage = _gradientAverage;
            TensorPrimitives.Multiply(gradientAverage, Alpha, gradientAverage);
            TensorPrimitives.MultiplyAdd(gradient, keep, gradientAverage, gradientAverage);
            TensorPrimitives.Multiply(gradientAverage, gradientAverage, work);
            TensorPrimitives.Subtract(squareAverage, work, work);
            TensorPrimitives.Max(work, 0f, work);
            TensorPrimitives.Sqrt(work, work);
        }
        else
        {
            TensorPrimitives.Sqrt(squareAverage, work);
        }
        TensorPrimitives.Add(work, Epsilon, work);
        TensorPrimitives.Divide(gradient, work, work);
        if (Momentum > 0)
        {
            Span<float> buffer = _momentumBuffer;
            TensorPrimitives.MultiplyAdd(buffer, Momentum, work, buffer);
            TensorPrimitives.MultiplyAdd(buffer, -_learningRate, parameters, parameters);
        }
        else
        {
            TensorPrimitives.MultiplyAdd(work, -_learningRate, parameters, parameters);
        }
    }

    /// <inheritdoc />
    public OptimizerState ExportState()
    {
        var state = new OptimizerState(nameof(RmsPropOptimizer))
            .AddScalar(OptimizerState.LearningRateName, _learningRate)
            .AddScalar("alpha", Alpha)
            .AddScalar("epsilon", Epsilon)
            .AddScalar("momentum", Momentum)
            .AddScalar("centered", Centered ? 1 : 0)
            .AddScalar("weightDecay", WeightDecay)
            .AddScalar("decayBiases", DecayBiases ? 1 : 0)
            .AddVector("squareAverage", Copy(_squareAverage));
        if (Centered) state.AddVector("gradientAverage", Copy(_gradientAverage));
        if (Momentum > 0) state.AddVector("momentumBuffer", Copy(_momentumBuffer));
        return state;
    }

    /// <inheritdoc />
    public void ImportState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.ExpectOptimizer(nameof(RmsPropOptimizer));
        state.ExpectSetting("alpha", Alpha);
        state.ExpectSetting("epsilon", Epsilon);
        state.ExpectSetting("momentum", Momentum);
        state.ExpectSetting("centered", Centered ? 1 : 0);
        state.ExpectSetting("weightDecay", WeightDecay);
        state.ExpectSetting("decayBiases", DecayBiases ? 1 : 0);
        float learningRate = state.GetLearningRate();
        int length = _groups.StateLength(state, "squareAverage");
        float[] squareAverage = state.GetVector("squareAverage", length);
        float[]? gradientAverage = Centered ? state.GetVector("gradientAverage", length) : null;
        float[]? momentumBuffer = Momentum > 0 ? state.GetVector("momentumBuffer", length) : null;

        // Everything is valid: commit.
        _learningRate = learningRate;
        _groups.AdoptStateLength(length);
        if (length == 0)
        {
            _squareAverage?.AsSpan().Clear();
            _gradientAverage?.AsSpan().Clear();
            _momentumBuffer?.AsSpan().Clear();
            return;
        }
        Allocate(length);
        squareAverage.CopyTo(_squareAverage!, 0);
        gradientAverage?.CopyTo(_gradientAverage!, 0);
        momentumBuffer?.CopyTo(_momentumBuffer!, 0);
    }

    private void Allocate(int count)
    {
        if (_squareAverage is not null) return;
        _squareAverage = new float[count];
        _work = new float[count];
        if (Centered) _gradientAverage = new float[count];
        if (Momentum > 0) _momentumBuffer = new float[count];
        if (WeightDecay > 0) _decayed = new float[count];
    }

    private static float[] Copy(float[]? values) => values is null ? [] : (float[])values.Clone();
}
