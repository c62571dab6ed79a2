using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DslNet;

/// <summary>
/// RMSProp in PyTorch's form and with its defaults (lr 0.01, α 0.99, ε 1e-8, no momentum, not centred).
/// With the gradient <c>g' = g + λ·p</c> (weight decay λ on weights only unless <see cref="FirstOrderOptimizer.DecayBiases"/>,
/// and on every parameter when the optimiser is never bound to a layout):
/// <c>v ← α·v + (1 − α)·g'²</c>; centred, also <c>ḡ ← α·ḡ + (1 − α)·g'</c> and <c>v̂ = v − ḡ²</c>, else
/// <c>v̂ = v</c>; <c>d = g' / (√v̂ + ε)</c>; with momentum μ, <c>b ← μ·b + d</c> and <c>p ← p − lr·b</c>,
/// else <c>p ← p − lr·d</c>. All state starts at zero.
/// </summary>
public sealed class RmsPropOptimizer : FirstOrderOptimizer
{
    // The state vectors' names in a saved state.
    private const string SquareAverage = "squareAverage", GradientAverage = "gradientAverage", MomentumBuffer = "momentumBuffer";

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
        : base(learningRate, weightDecay, decayBiases)
    {
        Alpha = OptimizerArguments.CheckDecayRate(alpha, nameof(alpha), nameof(RmsPropOptimizer));
        Epsilon = OptimizerArguments.CheckEpsilon(epsilon, nameof(RmsPropOptimizer));
        Momentum = OptimizerArguments.CheckDecayRate(momentum, nameof(momentum), nameof(RmsPropOptimizer));
        Centered = centered;
        var kept = new List<string> { SquareAverage };
        if (Centered) kept.Add(GradientAverage);
        if (Momentum > 0) kept.Add(MomentumBuffer);
        // v, ḡ (centred only) and b (momentum only); allocated by Bind or the first step.
        State = new StateVectors([.. kept]);
    }

    /// <summary>The decay α of the squared-gradient average.</summary>
    public float Alpha { get; }

    /// <summary>The term ε added to the root mean square.</summary>
    public float Epsilon { get; }

    /// <summary>The momentum μ of the scaled step; 0 for none.</summary>
    public float Momentum { get; }

    /// <summary>Whether the step divides by the variance estimate instead of the mean square.</summary>
    public bool Centered { get; }

    private protected override (string Name, double Value)[] Settings =>
        [("alpha", Alpha), ("epsilon", Epsilon), ("momentum", Momentum), ("centered", Centered ? 1 : 0)];

    private protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients) =>
        Update(parameters, WithL2Decay(parameters, gradients), Centered, Momentum > 0);

    /// <summary>
    /// v ← α·v + ((1 − α)·g')·g'; centred, ḡ ← α·ḡ + (1 − α)·g' and r = √max(v − ḡ·ḡ, 0) (rounding can push the variance
    /// a hair below zero), else r = √v; d = g' / (r + ε); with momentum b ← μ·b + d and p ← p − lr·b, else p ← p − lr·d.
    /// </summary>
    private void Update(Span<float> parameters, ReadOnlySpan<float> gradient, bool centered, bool hasMomentum)
    {
        Span<float> squareAverage = State![SquareAverage], gradientAverage = State[GradientAverage], buffer = State[MomentumBuffer];
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
        float keep = Alpha, take = 1f - Alpha, epsilon = Epsilon, momentum = Momentum, step = -LearningRate;
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
}
