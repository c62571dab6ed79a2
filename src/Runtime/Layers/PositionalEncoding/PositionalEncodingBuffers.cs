using System;
using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// The sinusoidal table of one positional encoding, PE[t, 2i] = sin(t / 10000^(2i/d)), PE[t, 2i + 1] =
/// cos(t / 10000^(2i/d)), [time capacity, d]: computed in double precision when <see cref="EnsureCapacity"/> grows it,
/// never in a step. A network holds one per sinusoidal encoding (a learned one reads its table from the parameters).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PositionalEncodingBuffers
{
    /// <summary>An empty table for steps of <paramref name="features"/> floats.</summary>
    public PositionalEncodingBuffers(int features)
    {
        if (features <= 0) throw new ArgumentOutOfRangeException(nameof(features), $"A positional encoding's steps must hold at least one feature; they hold {features}.");
        Features = features;
    }

    /// <summary>Floats in one step (d).</summary>
    public int Features { get; }

    /// <summary>The time steps the table has rows for.</summary>
    public int TimeCapacity { get; private set; }

    /// <summary>The table, [time capacity, d].</summary>
    internal float[] Table { get; private set; } = [];

    /// <summary>Grows the table to <paramref name="timeSteps"/> rows; a no-op once it has them.</summary>
    public void EnsureCapacity(int timeSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeSteps);
        if (timeSteps <= TimeCapacity) return;
        int d = Features;
        var table = AlignedFloats.Allocate(checked(timeSteps * d));
        for (int t = 0; t < timeSteps; t++)
        {
            for (int j = 0; j < d; j++)
            {
                double angle = t / Math.Pow(10000.0, (j & ~1) / (double)d);
                table[t * d + j] = (float)((j & 1) == 0 ? Math.Sin(angle) : Math.Cos(angle));
            }
        }
        Table = table;
        TimeCapacity = timeSteps;
    }
}
