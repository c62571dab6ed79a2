using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

    // g + λ·p (weight decay only).
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
        ReadOnlySpan<float> gradient = WeightDecay > 0 ? _groups.AddDecay(parameters, gradients, WeightDecay, _decayed) : gradients;
        Update(parameters, gradient);
    }

    /// <summary>
    /// v ← α·v + ((1 − α)·g')·g'; centred, ḡ ← α·ḡ + (1 − α)·g' and r = √max(v − ḡ·ḡ, 0) (rounding can push the variance
    /// a hair below zero), else r = √v; d = g' / (r + ε); with momentum b ← μ·b + d and p ← p − lr·b, else p ← p − lr·d.
    /// </summary>
    private void Update(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        bool centered = Centered, hasMomentum = Momentum > 0;
        Span<float> squareAverage = _squareAverage, gradientAverage = _gradientAverage, buffer = _momentumBuffer;
        int length = parameters.Length;
        if (squareAverage.Length != length || gradient.Length != length
            || (centered && gradientAverage.Length != length) || (hasMomentum && buffer.Length != length))
        {
            throw new InvalidOperationException($"{nameof(RmsPropOptimizer)}: the averages, gradient and parameters differ in length.");
        }

        // One pass, each element's terms in registers (up to nine passes over five arrays before); every product, sum,
        // maximum, root and quotient is rounded on its own, in the order of the formula above.
        ref float v = ref MemoryMarshal.GetReference(squareAverage);
        ref float a = ref MemoryMarshal.GetReference(gradientAverage);
        ref float b = ref MemoryMarshal.GetReference(buffer);
        ref float g = ref MemoryMarshal.GetReference(gradient);
        ref float p = ref MemoryMarshal.GetReference(parameters);
        float keep = Alpha, take = 1f - Alpha, epsilon = Epsilon, momentum = Momentum, step = -_learningRate;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<float>.Count <= length; i += Vector<float>.Count)
            {
                var gi = Vector.LoadUnsafe(ref g, (nuint)i);
                var vi = gi * take * gi + Vector.LoadUnsafe(ref v, (nuint)i) * keep;
                vi.StoreUnsafe(ref v, (nuint)i);
                Vector<float> root;
                if (centered)
                {
                    var ai = gi * take + Vector.LoadUnsafe(ref a, (nuint)i) * keep;
                    ai.StoreUnsafe(ref a, (nuint)i);
                    root = Vector.SquareRoot(Vector.Max(vi - ai * ai, Vector<float>.Zero));
                }
                else
                {
                    root = Vector.SquareRoot(vi);
                }
                var direction = gi / (root + new Vector<float>(epsilon));
                if (hasMomentum)
                {
                    direction = Vector.LoadUnsafe(ref b, (nuint)i) * momentum + direction;
                    direction.StoreUnsafe(ref b, (nuint)i);
                }
                (direction * step + Vector.LoadUnsafe(ref p, (nuint)i)).StoreUnsafe(ref p, (nuint)i);
            }
        }
        for (; i < length; i++)
        {
            float gi = Unsafe.Add(ref g, i);
            float vi = gi * take * gi + Unsafe.Add(ref v, i) * keep;
            Unsafe.Add(ref v, i) = vi;
            float root;
            if (centered)
            {
                float ai = gi * take + Unsafe.Add(ref a, i) * keep;
                Unsafe.Add(ref a, i) = ai;
                root = MathF.Sqrt(MathF.Max(vi - ai * ai, 0f));
            }
            else
            {
                root = MathF.Sqrt(vi);
            }
            float direction = gi / (root + epsilon);
            if (hasMomentum)
            {
                direction = Unsafe.Add(ref b, i) * momentum + direction;
                Unsafe.Add(ref b, i) = direction;
            }
            Unsafe.Add(ref p, i) = direction * step + Unsafe.Add(ref p, i);
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
        if (Centered) _gradientAverage = new float[count];
        if (Momentum > 0) _momentumBuffer = new float[count];
        if (WeightDecay > 0) _decayed = new float[count];
    }

    private static float[] Copy(float[]? values) => values is null ? [] : (float[])values.Clone();
}
