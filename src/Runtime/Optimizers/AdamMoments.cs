using System;
using System.IO;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DslNet;

/// <summary>
/// The moment estimates and update shared by <see cref="AdamOptimizer"/> and <see cref="AdamWOptimizer"/>,
/// which differ only in how they apply weight decay.
/// </summary>
internal sealed class AdamMoments
{

    // m and v; allocated by Bind or the first step.
    private float[]? _first;
    private float[]? _second;

    /// <exception cref="ArgumentOutOfRangeException">β₁ or β₂ is outside [0, 1), or ε is not positive and finite.</exception>
    public AdamMoments(string optimizer, float beta1, float beta2, float epsilon)
    {
        Beta1 = OptimizerArguments.CheckDecayRate(beta1, nameof(beta1), optimizer);
        Beta2 = OptimizerArguments.CheckDecayRate(beta2, nameof(beta2), optimizer);
        Epsilon = OptimizerArguments.CheckEpsilon(epsilon, optimizer);
    }

    public float Beta1 { get; }

    public float Beta2 { get; }

    public float Epsilon { get; }

    /// <summary>The steps taken, t; the bias corrections depend on it.</summary>
    public long StepCount { get; private set; }

    public void Allocate(int count)
    {
        if (_first is not null) return;
        _first = new float[count];
        _second = new float[count];
    }

    /// <summary>
    /// t ← t + 1; m ← β₁·m + (1 − β₁)·g; v ← β₂·v + ((1 − β₂)·g)·g;
    /// p ← p − (lr / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε), the order of PyTorch's Adam.
    /// </summary>
    public void Update(Span<float> parameters, ReadOnlySpan<float> gradient, float learningRate)
    {
        Span<float> m = _first, v = _second;
        if (m.Length != parameters.Length || v.Length != parameters.Length || gradient.Length != parameters.Length)
        {
            throw new InvalidOperationException("Adam: the moments, gradient and parameters differ in length.");
        }
        StepCount++;

        // The bias corrections in double, as PyTorch computes them in Python floats.
        double correction1 = 1 - Math.Pow(Beta1, StepCount);
        double correction2 = 1 - Math.Pow(Beta2, StepCount);
        float stepSize = (float)(learningRate / correction1);
        float correction2Root = (float)Math.Sqrt(correction2);

        // One pass, each element's terms in registers (ten passes over four arrays cost three times as long); every
        // product, sum, root and quotient is rounded on its own, in the order of the formula above.
        ref float mRef = ref MemoryMarshal.GetReference(m);
        ref float vRef = ref MemoryMarshal.GetReference(v);
        ref float g = ref MemoryMarshal.GetReference(gradient);
        ref float p = ref MemoryMarshal.GetReference(parameters);
        float keep1 = Beta1, take1 = 1f - Beta1, keep2 = Beta2, take2 = 1f - Beta2, epsilon = Epsilon, step = -stepSize;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<float>.Count <= parameters.Length; i += Vector<float>.Count)
            {
                var gi = Vector.LoadUnsafe(ref g, (nuint)i);
                var mi = gi * take1 + Vector.LoadUnsafe(ref mRef, (nuint)i) * keep1;
                var vi = gi * take2 * gi + Vector.LoadUnsafe(ref vRef, (nuint)i) * keep2;
                mi.StoreUnsafe(ref mRef, (nuint)i);
                vi.StoreUnsafe(ref vRef, (nuint)i);
                var denominator = Vector.SquareRoot(vi) / correction2Root + new Vector<float>(epsilon);
                (mi / denominator * step + Vector.LoadUnsafe(ref p, (nuint)i)).StoreUnsafe(ref p, (nuint)i);
            }
        }
        for (; i < parameters.Length; i++)
        {
            float gi = Unsafe.Add(ref g, i);
            float mi = gi * take1 + Unsafe.Add(ref mRef, i) * keep1;
            float vi = gi * take2 * gi + Unsafe.Add(ref vRef, i) * keep2;
            Unsafe.Add(ref mRef, i) = mi;
            Unsafe.Add(ref vRef, i) = vi;
            float denominator = MathF.Sqrt(vi) / correction2Root + epsilon;
            Unsafe.Add(ref p, i) = mi / denominator * step + Unsafe.Add(ref p, i);
        }
    }

    /// <summary>Adds the step count and copies of m and v (empty before the first step) to <paramref name="state"/>.</summary>
    public OptimizerState Export(OptimizerState state) =>
        state.AddScalar("step", StepCount)
            .AddVector("firstMoment", _first is null ? [] : (float[])_first.Clone())
            .AddVector("secondMoment", _second is null ? [] : (float[])_second.Clone());

    /// <summary>
    /// Reads and checks the step count and moments of <paramref name="state"/> and returns the commit to run
    /// once every other check has passed too.
    /// </summary>
    /// <exception cref="InvalidDataException">An entry is missing or does not fit.</exception>
    public Action Import(OptimizerState state, ParameterGroups groups)
    {
        long step = state.GetCount("step");
        int length = groups.StateLength(state, "firstMoment");
        float[] first = state.GetVector("firstMoment", length);
        float[] second = state.GetVector("secondMoment", length);
        if ((length == 0) != (step == 0))
        {
            throw new InvalidDataException(
                $"The {state.Optimizer} state has step {step} but moments of {length} floats; a state before the first step has neither, after it both.");
        }
        return () =>
        {
            groups.AdoptStateLength(length);
            StepCount = step;
            if (length == 0)
            {
                _first?.AsSpan().Clear();
                _second?.AsSpan().Clear();
                return;
            }
            Allocate(length);
            first.CopyTo(_first!, 0);
            second.CopyTo(_second!, 0);
        };
    }
}
