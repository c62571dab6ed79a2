using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DslNet;

/// <summary>
/// Stochastic gradient descent with momentum in PyTorch's form (no dampening). With the gradient
/// <c>g' = g + λ·p</c> (weight decay λ on weights only unless <see cref="FirstOrderOptimizer.DecayBiases"/>, and on every
/// parameter when the optimiser is never bound to a layout): <c>v ← μ·v + g'</c>, then
/// <c>p ← p − lr·v</c>, or with <see cref="Nesterov"/> <c>p ← p − lr·(g' + μ·v)</c>. <c>v</c> starts at
/// zero, so the first step is plain SGD (Nesterov: a step of <c>(1 + μ)·g'</c>).
/// </summary>
public sealed class SgdMomentumOptimizer : FirstOrderOptimizer
{
    private const string Velocity = "velocity";

    /// <summary>Creates the optimiser.</summary>
    /// <param name="learningRate">The step size, finite and at least 0.</param>
    /// <param name="momentum">The velocity decay μ, in [0, 1).</param>
    /// <param name="nesterov">Whether to take the Nesterov step <c>g' + μ·v</c> instead of <c>v</c>; needs μ &gt; 0.</param>
    /// <param name="weightDecay">The L2 coefficient λ added to the gradient as <c>λ·p</c>; finite and at least 0.</param>
    /// <param name="decayBiases">Whether λ applies to bias slices too (by default only to weights).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    /// <exception cref="ArgumentException"><paramref name="nesterov"/> with a momentum of 0.</exception>
    public SgdMomentumOptimizer(float learningRate, float momentum = 0.9f, bool nesterov = false, float weightDecay = 0f, bool decayBiases = false)
        : base(learningRate, weightDecay, decayBiases)
    {
        Momentum = OptimizerArguments.CheckDecayRate(momentum, nameof(momentum), nameof(SgdMomentumOptimizer));
        if (nesterov && momentum == 0)
        {
            throw new ArgumentException($"{nameof(SgdMomentumOptimizer)}: Nesterov momentum needs a momentum above 0.", nameof(nesterov));
        }
        Nesterov = nesterov;
        // The velocity; allocated by Bind or the first step, when the parameter count becomes known.
        State = new StateVectors(Velocity);
    }

    /// <summary>The velocity decay μ.</summary>
    public float Momentum { get; }

    /// <summary>Whether the step is Nesterov's <c>g' + μ·v</c>.</summary>
    public bool Nesterov { get; }

    private protected override (string Name, double Value)[] Settings => [("momentum", Momentum), ("nesterov", Nesterov ? 1 : 0)];

    // The scratch holds g + λ·p and the Nesterov direction.
    private protected override bool NeedsScratch => WeightDecay > 0 || Nesterov;

    private protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        Span<float> velocity = State![Velocity];
        ReadOnlySpan<float> gradient = WithL2Decay(parameters, gradients);
        if (!Nesterov)
        {
            MomentumStep(velocity, Momentum, gradient, parameters, -LearningRate);
            return;
        }
        TensorPrimitives.MultiplyAdd(velocity, Momentum, gradient, velocity);
        // The look-ahead direction g' + μ·v, in the scratch (in place when it already holds g').
        Span<float> direction = Scratch;
        TensorPrimitives.MultiplyAdd(velocity, Momentum, gradient, direction);
        TensorPrimitives.MultiplyAdd(direction, -LearningRate, parameters, parameters);
    }

    /// <summary>
    /// <c>v ← v·μ + g</c>, then <c>p ← v·step + p</c>, in one pass: the velocity is used while still in a register
    /// instead of read again by a second pass (the three arrays of a large network do not fit in L2). Products and sums
    /// are rounded separately, as in two <see cref="TensorPrimitives.MultiplyAdd(ReadOnlySpan{float}, float, ReadOnlySpan{float}, Span{float})"/> passes, so
    /// the results are the same floats.
    /// </summary>
    private static void MomentumStep(Span<float> velocity, float momentum, ReadOnlySpan<float> gradient, Span<float> parameters, float step)
    {
        int length = parameters.Length;
        if (velocity.Length != length || gradient.Length != length)
        {
            throw new InvalidOperationException($"{nameof(SgdMomentumOptimizer)}: the velocity, gradient and parameters differ in length.");
        }
        ref float v = ref MemoryMarshal.GetReference(velocity);
        ref float g = ref MemoryMarshal.GetReference(gradient);
        ref float p = ref MemoryMarshal.GetReference(parameters);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var mu = new Vector<float>(momentum);
            var scale = new Vector<float>(step);
            for (; i + Vector<float>.Count <= length; i += Vector<float>.Count)
            {
                var newVelocity = Vector.LoadUnsafe(ref v, (nuint)i) * mu + Vector.LoadUnsafe(ref g, (nuint)i);
                newVelocity.StoreUnsafe(ref v, (nuint)i);
                (newVelocity * scale + Vector.LoadUnsafe(ref p, (nuint)i)).StoreUnsafe(ref p, (nuint)i);
            }
        }
        for (; i < length; i++)
        {
            float newVelocity = Unsafe.Add(ref v, i) * momentum + Unsafe.Add(ref g, i);
            Unsafe.Add(ref v, i) = newVelocity;
            Unsafe.Add(ref p, i) = newVelocity * step + Unsafe.Add(ref p, i);
        }
    }
}
