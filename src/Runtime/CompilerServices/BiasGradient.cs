using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace DslNet.CompilerServices;

/// <summary>
/// A bias's gradient: db += Σ_r dz[r, ·] over the rows of dz. Generated code calls it after a layer's weight gradient;
/// one call in place of a loop written into every layer keeps the generated code small.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BiasGradient
{
    /// <summary>gradients[offset + j] += Σ_{r &lt; rows} delta[r · size + j] for j &lt; size.</summary>
    public static void Accumulate(float[] gradients, int offset, int size, ReadOnlySpan<float> delta, int rows)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        if (rows < 0 || size < 0) throw new ArgumentOutOfRangeException(nameof(rows), $"{rows} rows of {size} floats: neither may be negative.");
        var bias = new Span<float>(gradients, offset, size);
        var rowsOfDelta = delta.Slice(0, checked(rows * size));
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(bias, rowsOfDelta.Slice(r * size, size), bias);
        }
    }
}
