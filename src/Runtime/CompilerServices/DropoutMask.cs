using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace DslNet.CompilerServices;

/// <summary>The masks of inverted dropout, which generated Dropout layers draw in training.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DropoutMask
{
    /// <summary>
    /// Fills <paramref name="mask"/> with 0 (probability <paramref name="rate"/>) or 1 / (1 − rate), so that
    /// <c>x ⊙ mask</c> keeps the expected value of x and inference needs no scaling.
    /// </summary>
    public static void Fill(Span<float> mask, float rate, FastRandom random)
    {
        if (!(rate >= 0f && rate < 1f)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "A dropout rate must be in [0, 1).");
        float keep = 1f / (1f - rate);
        for (int i = 0; i < mask.Length; i++) mask[i] = random.NextFloat() < rate ? 0f : keep;
    }

    /// <summary><paramref name="output"/> = <paramref name="input"/> ⊙ <paramref name="mask"/>, the forward and the backward of dropout alike.</summary>
    public static void Apply(ReadOnlySpan<float> input, ReadOnlySpan<float> mask, Span<float> output) =>
        TensorPrimitives.Multiply(input, mask, output);
}
