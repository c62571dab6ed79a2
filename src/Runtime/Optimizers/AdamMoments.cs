using System;
using System.IO;
using System.Numerics.Tensors;

namespace DslNet;

/// <summary>
/// The moment estimates and update shared by <see cref="AdamOptimizer"/> and <see cref="AdamWOptimizer"/>,
/// which differ only in how they apply weight decay.
/// </summary>
internal sealed class AdamMoments
{
    private readonly float _beta1;
    private readonly float _beta2;
    private readonly float _epsilon;

    // m and v; allocated by Bind or the first step. The work vector holds intermediate terms.
    private float[]? _first;
    private float[]? _second;
    private float[]? _work;

    public AdamMoments(float beta1, float beta2, float epsilon)
    {
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
    }

    /// <summary>The steps taken, t; the bias corrections depend on it.</summary>
    public long StepCount { get; private set; }

    public void Allocate(int count)
    {
        if (_first is not null) return;
        _first = new float[count];
        _second = new float[count];
        _work = new float[count];
    }

    /// <summary>
    /// t ← t + 1; m ← β₁·m + (1 − β₁)·g; v ← β₂·v + ((1 − β₂)·g)·g;
    /// p ← p − (lr / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε), the order of PyTorch's Adam.
    /// </summary>
    public void Update(Span<float> parameters, ReadOnlySpan<float> gradient, float learningRate)
    {
        Span<float> m = _first, v = _second, work = _work;
        StepCount++;
        TensorPrimitives.Multiply(m, _beta1, m);
        TensorPrimitives.MultiplyAdd(gradient, 1f - _beta1, m, m);
        TensorPrimitives.Multiply(v, _beta2, v);
        TensorPrimitives.Multiply(gradient, 1f - _beta2, work);
        TensorPrimitives.MultiplyAdd(work, gradient, v, v);

        // The bias corrections in double, as PyTorch computes them in Python floats.
        double correction1 = 1 - Math.Pow(_beta1, StepCount);
        double correction2 = 1 - Math.Pow(_beta2, StepCount);
        float stepSize = (float)(learningRate / correction1);
        float correction2Root = (float)Math.Sqrt(correction2);

        TensorPrimitives.Sqrt(v, work);
        TensorPrimitives.Divide(work, correction2Root, work);
        TensorPrimitives.Add(work, _epsilon, work);
        TensorPrimitives.Divide(m, work, work);
        TensorPrimitives.MultiplyAdd(work, -stepSize, parameters, parameters);
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
    public Action<ParameterGroups> Import(OptimizerState state, ParameterGroups groups)
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
        return target =>
        {
            target.AdoptStateLength(length);
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
