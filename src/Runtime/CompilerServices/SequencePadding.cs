using System;
using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// What a sequence network's output holds past each sequence's own length: zeros, whatever its last layer computes
/// there. Steps past a length are constant, so the gradient a loss gives them flows nowhere; these helpers clear the
/// output rows forward and drop the gradient rows backward. Generated networks call them; sizes were checked before.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SequencePadding
{
    /// <summary>Clears, in <paramref name="rows"/> [batch, timeSteps, stepSize], every step at or past lengths[b].</summary>
    /// <param name="rows">Batch-major sequences of <paramref name="timeSteps"/> steps of <paramref name="stepSize"/> floats.</param>
    /// <param name="lengths">Each sequence's length, at least <paramref name="batch"/> of them.</param>
    /// <param name="batch">The sequences in <paramref name="rows"/>.</param>
    /// <param name="timeSteps">The steps of every sequence in <paramref name="rows"/>.</param>
    /// <param name="stepSize">The floats of one step.</param>
    public static void ZeroPastLengths(Span<float> rows, ReadOnlySpan<int> lengths, int batch, int timeSteps, int stepSize)
    {
        for (int b = 0; b < batch; b++)
        {
            int length = lengths[b];
            if (length < timeSteps) rows.Slice((b * timeSteps + length) * stepSize, (timeSteps - length) * stepSize).Clear();
        }
    }

    /// <summary>
    /// <paramref name="gradient"/> itself when every sequence is full; otherwise a copy in <paramref name="scratch"/>
    /// with the steps past each length cleared, so the caller's span is never written.
    /// </summary>
    /// <param name="gradient">dLoss/dOutput, [batch, timeSteps, stepSize].</param>
    /// <param name="scratch">A buffer of at least gradient's length that the network owns.</param>
    /// <param name="lengths">Each sequence's length, at least <paramref name="batch"/> of them.</param>
    /// <param name="batch">The sequences in <paramref name="gradient"/>.</param>
    /// <param name="timeSteps">The steps of every sequence.</param>
    /// <param name="stepSize">The floats of one step.</param>
    public static ReadOnlySpan<float> MaskGradient(ReadOnlySpan<float> gradient, Span<float> scratch, ReadOnlySpan<int> lengths, int batch, int timeSteps, int stepSize)
    {
        if (!AnyShort(lengths, batch, timeSteps)) return gradient;
        var masked = scratch.Slice(0, gradient.Length);
        gradient.CopyTo(masked);
        ZeroPastLengths(masked, lengths, batch, timeSteps, stepSize);
        return masked;
    }

    private static bool AnyShort(ReadOnlySpan<int> lengths, int batch, int timeSteps)
    {
        for (int b = 0; b < batch; b++)
        {
            if (lengths[b] < timeSteps) return true;
        }
        return false;
    }
}
