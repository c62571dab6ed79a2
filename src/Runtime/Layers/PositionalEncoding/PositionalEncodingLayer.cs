using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace DslNet.CompilerServices;

/// <summary>
/// Positional encoding over [batch, time, d], row r = b·T + t, written once and specialised per layer by its
/// <see cref="IPositionalEncodingShape"/> struct:
///   forward   y[r] = x[r] + PE[t], PE the sinusoidal table of a <see cref="PositionalEncodingBuffers"/> or a learned
///             table [MaxLength, d] in the parameters
///   learned   dPE[t] += Σ_b dy[b, t]
///   input     dx = dy (the network copies it)
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PositionalEncodingLayer
{
    /// <summary>output = input plus the sinusoidal table's first <paramref name="timeSteps"/> rows, for every sample.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Forward<TShape>(PositionalEncodingBuffers table, ReadOnlySpan<float> input, Span<float> output, int batch, int timeSteps)
        where TShape : struct, IPositionalEncodingShape
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Features != TShape.Features)
        {
            throw new ArgumentException($"table is for steps of {table.Features} floats; this layer's steps hold {TShape.Features}.", nameof(table));
        }
        if (timeSteps < 0 || timeSteps > table.TimeCapacity)
        {
            throw new ArgumentException($"table has rows for {table.TimeCapacity} time steps; {timeSteps} need EnsureCapacity first.", nameof(table));
        }
        Add<TShape>(new ReadOnlySpan<float>(table.Table, 0, timeSteps * TShape.Features), input, output, batch, timeSteps);
    }

    /// <summary>output = input plus the learned table's first <paramref name="timeSteps"/> rows (at <paramref name="weightOffset"/>), for every sample.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Forward<TShape>(float[] parameters, int weightOffset, ReadOnlySpan<float> input, Span<float> output, int batch, int timeSteps)
        where TShape : struct, IPositionalEncodingShape
    {
        CheckLearned<TShape>(parameters, weightOffset, timeSteps);
        Add<TShape>(new ReadOnlySpan<float>(parameters, weightOffset, timeSteps * TShape.Features), input, output, batch, timeSteps);
    }

    /// <summary>dP[t] += Σ_b dy[b, t] into the learned table's first <paramref name="timeSteps"/> rows in <paramref name="gradients"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ParameterGradients<TShape>(float[] gradients, int weightOffset, ReadOnlySpan<float> delta, int batch, int timeSteps)
        where TShape : struct, IPositionalEncodingShape
    {
        int d = TShape.Features;
        CheckLearned<TShape>(gradients, weightOffset, timeSteps);
        int rows = CheckBatch(batch, timeSteps);
        LayerArguments.CheckRows(rows, delta.Length, d, nameof(delta));
        var table = new Span<float>(gradients, weightOffset, timeSteps * d);
        for (int b = 0; b < batch; b++)
        {
            TensorPrimitives.Add(table, delta.Slice(b * timeSteps * d, timeSteps * d), table);
        }
    }

    private static void Add<TShape>(ReadOnlySpan<float> table, ReadOnlySpan<float> input, Span<float> output, int batch, int timeSteps)
        where TShape : struct, IPositionalEncodingShape
    {
        int d = TShape.Features;
        int rows = CheckBatch(batch, timeSteps);
        LayerArguments.CheckRows(rows, input.Length, d, nameof(input));
        LayerArguments.CheckRows(rows, output.Length, d, nameof(output));
        for (int b = 0; b < batch; b++)
        {
            TensorPrimitives.Add(input.Slice(b * timeSteps * d, timeSteps * d), table, output.Slice(b * timeSteps * d, timeSteps * d));
        }
    }

    private static int CheckBatch(int batch, int timeSteps)
    {
        long rows = (long)batch * timeSteps;
        if (batch < 0 || timeSteps < 0 || rows > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(batch < 0 ? nameof(batch) : nameof(timeSteps), $"{batch} sequences of {timeSteps} steps: neither may be negative, and their rows must fit an array.");
        }
        return (int)rows;
    }

    /// <summary>The shape has a learned table, the steps fit in it and it fits in <paramref name="array"/>.</summary>
    private static void CheckLearned<TShape>(float[] array, int weightOffset, int timeSteps)
        where TShape : struct, IPositionalEncodingShape
    {
        if (TShape.MaxLength <= 0)
        {
            throw new ArgumentException($"{typeof(TShape).Name} has no learned table (MaxLength {TShape.MaxLength}): a sinusoidal encoding takes its PositionalEncodingBuffers.", nameof(TShape));
        }
        if (timeSteps < 0 || timeSteps > TShape.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(timeSteps), $"{timeSteps} time steps; the learned table has rows for 0 to {TShape.MaxLength}.");
        }
        LayerArguments.CheckSlice(array, weightOffset, TShape.MaxLength * TShape.Features, nameof(weightOffset));
    }
}
