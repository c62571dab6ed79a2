using System;
using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// What one layer normalisation keeps from its forward for the gradients: each row normalised, x̂ = (x − μ)/√(σ² + ε),
/// and each row's 1/√(σ² + ε). A network holds one per LayerNorm and grows it with <see cref="EnsureCapacity"/>
/// outside its steps; <see cref="LayerNormLayer"/> reads and writes it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class LayerNormBuffers
{
    /// <summary>Buffers for a layer normalisation of rows of <paramref name="features"/> floats, holding no rows yet.</summary>
    public LayerNormBuffers(int features)
    {
        if (features <= 0) throw new ArgumentOutOfRangeException(nameof(features), $"A layer normalisation's rows must hold at least one feature; they hold {features}.");
        Features = features;
    }

    /// <summary>Floats in one row (d).</summary>
    public int Features { get; }

    /// <summary>The rows the buffers hold.</summary>
    public int RowCapacity { get; private set; }

    /// <summary>x̂ per row, [rows, d].</summary>
    internal float[] Normalized { get; private set; } = [];

    /// <summary>1/√(σ² + ε) per row, [rows].</summary>
    internal float[] InverseDeviation { get; private set; } = [];

    /// <summary>Grows the buffers to hold <paramref name="rows"/> rows; a no-op once they do.</summary>
    public void EnsureCapacity(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (rows <= RowCapacity) return;
        Normalized = AlignedFloats.Allocate(checked(rows * Features));
        InverseDeviation = AlignedFloats.Allocate(rows);
        RowCapacity = rows;
    }
}
