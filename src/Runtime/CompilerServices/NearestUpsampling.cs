using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace DslNet.CompilerServices;

/// <summary>
/// Nearest-neighbour upsampling by an integer factor for generated code, over rows of [channels, height, width] maps.
/// Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NearestUpsampling
{
    /// <summary><c>output[r, c, i, j] = input[r, c, i / factor, j / factor]</c>.</summary>
    public static void Forward(ReadOnlySpan<float> input, Span<float> output, int rows, int channels, int height, int width, int factor)
    {
        int outWidth = width * factor;
        var x = input.Slice(0, checked(rows * channels * height * width));
        var y = output.Slice(0, checked(x.Length * factor * factor));
        for (int line = 0; line < rows * channels * height; line++)
        {
            var source = x.Slice(line * width, width);
            var first = y.Slice(line * factor * outWidth, outWidth);
            for (int j = 0; j < width; j++) first.Slice(j * factor, factor).Fill(source[j]);
            for (int copy = 1; copy < factor; copy++) first.CopyTo(y.Slice((line * factor + copy) * outWidth, outWidth));
        }
    }

    /// <summary><c>inputGradient[r, c, i, j] = Σ delta</c> over the factor × factor block that input value was copied to.</summary>
    public static void InputGradient(ReadOnlySpan<float> delta, Span<float> inputGradient, int rows, int channels, int height, int width, int factor)
    {
        int outWidth = width * factor;
        var dx = inputGradient.Slice(0, checked(rows * channels * height * width));
        var dy = delta.Slice(0, checked(dx.Length * factor * factor));
        for (int line = 0; line < rows * channels * height; line++)
        {
            var target = dx.Slice(line * width, width);
            var block = dy.Slice(line * factor * outWidth, factor * outWidth);
            for (int j = 0; j < width; j++)
            {
                float sum = 0;
                for (int copy = 0; copy < factor; copy++) sum += TensorPrimitives.Sum(block.Slice(copy * outWidth + j * factor, factor));
                target[j] = sum;
            }
        }
    }
}
