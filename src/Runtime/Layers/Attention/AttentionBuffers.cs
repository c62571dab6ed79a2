using System;
using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// What one attention layer keeps between its calls: the projections [Q K V] and the heads' context per row, their
/// gradients, one row of attention weights and its gradient (a query at a time, never a [T, T] matrix), and the
/// transposed weights its input gradients multiply by. A network holds one per attention layer and grows it with
/// <see cref="EnsureCapacity"/> outside its steps; <see cref="AttentionLayer"/> reads and writes it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class AttentionBuffers
{
    /// <summary>Buffers for an attention layer over rows of <paramref name="width"/> features, holding no rows yet.</summary>
    public AttentionBuffers(int width)
    {
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"An attention layer's width must be positive; it is {width}.");
        Width = width;
        WeightTransposed = AlignedFloats.Allocate(checked(3 * width * width));
        OutputWeightTransposed = AlignedFloats.Allocate(checked(width * width));
    }

    /// <summary>Floats in one row of the layer's input (d).</summary>
    public int Width { get; }

    /// <summary>The rows (batch × time steps) the per-row buffers hold.</summary>
    public int RowCapacity { get; private set; }

    /// <summary>The time steps the per-query rows hold.</summary>
    public int TimeCapacity { get; private set; }

    /// <summary>[Q K V] = x·W + b, [rows, 3d].</summary>
    internal float[] Projected { get; private set; } = [];

    /// <summary>d[Q K V], [rows, 3d].</summary>
    internal float[] ProjectedGradient { get; private set; } = [];

    /// <summary>The heads' attention-weighted values side by side, [rows, d].</summary>
    internal float[] Context { get; private set; } = [];

    /// <summary>dContext, [rows, d].</summary>
    internal float[] ContextGradient { get; private set; } = [];

    /// <summary>One query's attention weights over the keys, [time steps].</summary>
    internal float[] Row { get; private set; } = [];

    /// <summary>Their gradient, [time steps].</summary>
    internal float[] RowGradient { get; private set; } = [];

    /// <summary>Wᵀ [3d, d], copied before the input gradient (the weights change every step).</summary>
    internal float[] WeightTransposed { get; }

    /// <summary>Woᵀ [d, d], copied before the context gradient.</summary>
    internal float[] OutputWeightTransposed { get; }

    /// <summary>Grows the buffers to hold <paramref name="batch"/> sequences of <paramref name="timeSteps"/> steps; a no-op once they do.</summary>
    public void EnsureCapacity(int batch, int timeSteps)
    {
        if (batch < 0 || timeSteps < 0) throw new ArgumentOutOfRangeException(batch < 0 ? nameof(batch) : nameof(timeSteps), $"{batch} sequences of {timeSteps} steps: neither may be negative.");
        int rows = checked(batch * timeSteps);
        if (rows > RowCapacity)
        {
            Projected = AlignedFloats.Allocate(checked(rows * 3 * Width));
            ProjectedGradient = AlignedFloats.Allocate(checked(rows * 3 * Width));
            Context = AlignedFloats.Allocate(checked(rows * Width));
            ContextGradient = AlignedFloats.Allocate(checked(rows * Width));
            RowCapacity = rows;
        }
        if (timeSteps > TimeCapacity)
        {
            Row = AlignedFloats.Allocate(timeSteps);
            RowGradient = AlignedFloats.Allocate(timeSteps);
            TimeCapacity = timeSteps;
        }
    }
}
