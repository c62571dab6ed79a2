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

    /// <summary>
    /// A layer's declared activation on its finished output, in place, ReLU included (a layer with no product to fuse
    /// it into); softmax normalises over rows of <paramref name="rowSize"/>.
    /// </summary>
    internal static void InPlace(Activation activation, Span<float> values, int rowSize)
    {
        if (activation == Activation.ReLU) TensorPrimitives.Max(values, 0f, values);
        else AfterProduct(activation, values, rowSize);
    }

    /// <summary>
    /// A layer's activation on its finished sums, in place, where its product did not fuse it (ReLU is fused into the
    /// product's store); softmax normalises over rows of <paramref name="rowSize"/>. Nothing for no values.
    /// </summary>
    internal static void AfterProduct(Activation activation, Span<float> values, int rowSize)
    {
        if (values.IsEmpty) return; // TensorPrimitives refuses empty spans
        switch (activation)
        {
            case Activation.Sigmoid: TensorPrimitives.Sigmoid(values, values); break;
            case Activation.Tanh: TensorPrimitives.Tanh(values, values); break;
            case Activation.Softmax: Softmax(values, rowSize); break;
        }
    }
}
