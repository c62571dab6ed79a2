using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace DslNet.CompilerServices;

/// <summary>
/// A Concatenate layer for generated code: each output row is its inputs' rows one after another, so one input is one
/// block of <c>size</c> floats at <c>offset</c> in every output row of <c>rowSize</c>. Forward copies an input's rows into
/// its block (one call per input); backward copies, or adds, each input's block of dL/dy back.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ConcatenateLayer
{
    /// <summary>output[r, offset + i] = input[r, i] for r &lt; <paramref name="rows"/> and i &lt; <paramref name="size"/>.</summary>
    public static void Forward(ReadOnlySpan<float> input, Span<float> output, int rows, int rowSize, int offset, int size)
    {
        Check(input.Length, nameof(input), output.Length, nameof(output), rows, rowSize, offset, size);
        for (int b = 0; b < rows; b++) input.Slice(b * size, size).CopyTo(output.Slice(b * rowSize + offset, size));
    }

    /// <summary>
    /// dL/dx of one input: target[r, i] = delta[r, offset + i] for r &lt; <paramref name="rows"/>, or added to target when
    /// <paramref name="accumulate"/> (another reader of that input wrote its share first).
    /// </summary>
    public static void InputGradient(ReadOnlySpan<float> delta, Span<float> target, int rows, int rowSize, int offset, int size, bool accumulate)
    {
        Check(target.Length, nameof(target), delta.Length, nameof(delta), rows, rowSize, offset, size);
        for (int b = 0; b < rows; b++)
        {
            var block = delta.Slice(b * rowSize + offset, size);
            var rowGradient = target.Slice(b * size, size);
            if (accumulate) TensorPrimitives.Add(rowGradient, block, rowGradient);
            else block.CopyTo(rowGradient);
        }
    }

    /// <summary>The block lies inside a row, and both buffers hold <paramref name="rows"/> rows.</summary>
    private static void Check(int blockLength, string blockName, int rowLength, string rowName, int rows, int rowSize, int offset, int size)
    {
        if (size <= 0 || offset < 0 || (long)offset + size > rowSize)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"A block of {size} floats at {offset} must lie inside a concatenated row of {rowSize}, with at least one float.");
        }
        LayerArguments.CheckRows(rows, blockLength, size, blockName);
        LayerArguments.CheckRows(rows, rowLength, rowSize, rowName);
    }
}
