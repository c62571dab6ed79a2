using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace DslNet.CompilerServices;

/// <summary>Forward activations that generated code cannot fuse into its matrix loops.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ActivationForward
{
    /// <summary>
    /// Softmax over each row of <paramref name="rowSize"/>, in place. The row maximum is subtracted first:
    /// <c>TensorPrimitives.SoftMax</c> alone overflows to NaN for logits above about 88.
    /// </summary>
    public static void Softmax(Span<float> values, int rowSize)
    {
        if (rowSize <= 0 || values.Length % rowSize != 0)
        {
            throw new ArgumentException($"Softmax rows of {rowSize} do not divide {values.Length} floats.", nameof(rowSize));
        }
        for (int start = 0; start < values.Length; start += rowSize)
        {
            var row = values.Slice(start, rowSize);
            TensorPrimitives.Subtract(row, TensorPrimitives.Max(row), row);
            TensorPrimitives.Exp(row, row);
            TensorPrimitives.Divide(row, TensorPrimitives.Sum(row), row);
        }
    }
}
