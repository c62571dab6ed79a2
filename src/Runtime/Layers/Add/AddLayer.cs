using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace DslNet.CompilerServices;

/// <summary>
/// An Add layer's forward for generated code: the element-wise sum of its inputs over rows of one size, then its
/// activation, in place. Two inputs take one <see cref="Forward"/>; each further one an <see cref="AddInput"/>, the last
/// of them carrying the activation, so the sums run in the inputs' order. Backward needs no code of its own: every
/// input's gradient is dL/dz, which the network copies or adds where it is needed.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AddLayer
{
    /// <summary>
    /// output[r, ·] = activation(input0[r, ·] + input1[r, ·]) for r &lt; <paramref name="rows"/>, rows of
    /// <paramref name="rowSize"/> (softmax normalises over each).
    /// </summary>
    public static void Forward(ReadOnlySpan<float> input0, ReadOnlySpan<float> input1, Span<float> output, int rows, int rowSize, Activation activation)
    {
        CheckRowSize(rowSize);
        LayerArguments.CheckRows(rows, input0.Length, rowSize, nameof(input0));
        LayerArguments.CheckRows(rows, input1.Length, rowSize, nameof(input1));
        LayerArguments.CheckRows(rows, output.Length, rowSize, nameof(output));
        int count = rows * rowSize;
        var all = output.Slice(0, count);
        TensorPrimitives.Add(input0.Slice(0, count), input1.Slice(0, count), all);
        ActivationForward.InPlace(activation, all, rowSize);
    }

    /// <summary>
    /// output[r, ·] = activation(output[r, ·] + input[r, ·]) for r &lt; <paramref name="rows"/>: a third or later input
    /// added to the sum <see cref="Forward"/> began with <see cref="Activation.Linear"/>.
    /// </summary>
    public static void AddInput(ReadOnlySpan<float> input, Span<float> output, int rows, int rowSize, Activation activation)
    {
        CheckRowSize(rowSize);
        LayerArguments.CheckRows(rows, input.Length, rowSize, nameof(input));
        LayerArguments.CheckRows(rows, output.Length, rowSize, nameof(output));
        int count = rows * rowSize;
        var all = output.Slice(0, count);
        TensorPrimitives.Add(all, input.Slice(0, count), all);
        ActivationForward.InPlace(activation, all, rowSize);
    }

    private static void CheckRowSize(int rowSize)
    {
        if (rowSize <= 0) throw new ArgumentOutOfRangeException(nameof(rowSize), $"An Add layer's rows hold at least one float; rowSize is {rowSize}.");
    }
}
