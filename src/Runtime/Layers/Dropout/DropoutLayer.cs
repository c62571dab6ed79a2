using System;
using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// An inverted-dropout layer for generated code: in training y = x ⊙ mask, a fresh mask drawn per step from the layer's
/// own <see cref="FastRandom"/> stream into the mask buffer the network keeps for it (0 with probability rate, else
/// 1 / (1 − rate), <see cref="DropoutMask"/>); in inference y = x. Backward reads the same mask: dx = dy ⊙ mask.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DropoutLayer
{
    /// <summary>
    /// The first <paramref name="rows"/> rows of <paramref name="rowSize"/>: copied in inference; in training, masked by
    /// a mask drawn from <paramref name="random"/> into <paramref name="mask"/>, one draw per float in row order.
    /// </summary>
    public static void Forward(ReadOnlySpan<float> input, Span<float> output, int rows, int rowSize, float rate, bool training, FastRandom random, float[] mask)
    {
        LayerArguments.CheckRows(rows, input.Length, rowSize, nameof(input));
        LayerArguments.CheckRows(rows, output.Length, rowSize, nameof(output));
        int count = rows * rowSize;
        var x = input.Slice(0, count);
        var y = output.Slice(0, count);
        if (!training)
        {
            x.CopyTo(y);
            return;
        }
        ArgumentNullException.ThrowIfNull(random);
        var drawn = new Span<float>(LayerArguments.Scratch(mask, count, nameof(mask)), 0, count);
        DropoutMask.Fill(drawn, rate, random);
        DropoutMask.Apply(x, drawn, y);
    }

    /// <summary>dx = dy ⊙ mask over the first <paramref name="rows"/> rows, the mask the training forward drew.</summary>
    public static void InputGradient(ReadOnlySpan<float> delta, Span<float> inputGradient, int rows, int rowSize, float[] mask)
    {
        LayerArguments.CheckRows(rows, delta.Length, rowSize, nameof(delta));
        LayerArguments.CheckRows(rows, inputGradient.Length, rowSize, nameof(inputGradient));
        int count = rows * rowSize;
        DropoutMask.Apply(delta.Slice(0, count), new ReadOnlySpan<float>(LayerArguments.Scratch(mask, count, nameof(mask)), 0, count), inputGradient.Slice(0, count));
    }
}
