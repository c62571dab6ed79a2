using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace DslNet.CompilerServices;

/// <summary>
/// Global average pooling for generated code: each row of <c>channels × positions</c> floats becomes <c>channels</c>
/// means. Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GlobalAveragePooling
{
    /// <summary><c>output[r, c] = Σ_p input[r, c, p] / positions</c> for the first <paramref name="rows"/> rows.</summary>
    public static void Forward(ReadOnlySpan<float> input, Span<float> output, int rows, int channels, int positions)
    {
        var x = input.Slice(0, checked(rows * channels * positions));
        var y = output.Slice(0, rows * channels);
        float scale = 1f / positions;
        for (int i = 0; i < y.Length; i++) y[i] = TensorPrimitives.Sum(x.Slice(i * positions, positions)) * scale;
    }

    /// <summary><c>inputGradient[r, c, p] = delta[r, c] / positions</c>: every position had the same share in the mean.</summary>
    public static void InputGradient(ReadOnlySpan<float> delta, Span<float> inputGradient, int rows, int channels, int positions)
    {
        var dy = delta.Slice(0, checked(rows * channels));
        var dx = inputGradient.Slice(0, rows * channels * positions);
        float scale = 1f / positions;
        for (int i = 0; i < dy.Length; i++) dx.Slice(i * positions, positions).Fill(dy[i] * scale);
    }
}
