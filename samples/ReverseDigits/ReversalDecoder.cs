using System;
using DslNet;

namespace ReverseDigitsSample;

/// <summary>
/// Writes each reversal the way a decoder is used: the network reads the digits and the separator, its most likely
/// digit becomes the next input, and so on until n digits are out (greedy decoding). Training fed the true reversal
/// instead; a causal network's answer at a step depends only on the inputs up to it, so a sequence decoded here is
/// wholly right exactly when every step was right with the true inputs, and the two agree on sequence accuracy.
/// </summary>
public static class ReversalDecoder
{
    /// <summary>The predicted reversal of every sequence of <paramref name="set"/>, [Count, Length], in <paramref name="chunk"/>-sized batches.</summary>
    public static int[] Decode(SequenceReverser network, Reversals set, int chunk = 64)
    {
        int n = set.Length, steps = set.TimeSteps;
        network.TimeSteps = steps;
        var predicted = new int[set.Count * n];
        var inputs = new float[chunk * steps];
        var outputs = new float[chunk * steps * Reversals.Digits];
        for (int start = 0; start < set.Count; start += chunk)
        {
            int batch = Math.Min(chunk, set.Count - start);
            Span<float> input = inputs.AsSpan(0, batch * steps);
            input.Clear();
            for (int b = 0; b < batch; b++)
            {
                ReadOnlySpan<int> sequence = set.Sequence(start + b);
                for (int i = 0; i < n; i++) input[b * steps + i] = sequence[i];
                input[b * steps + n] = Reversals.Separator;
            }
            // Step n + i (the separator for i = 0) predicts reversed digit i, which becomes input n + i + 1. The steps
            // after it are still zero, which a causal network cannot see.
            for (int i = 0; i < n; i++)
            {
                network.Forward(input, outputs.AsSpan(0, batch * steps * Reversals.Digits), batch);
                for (int b = 0; b < batch; b++)
                {
                    int digit = ArgMax(outputs.AsSpan((b * steps + n + i) * Reversals.Digits, Reversals.Digits));
                    predicted[(start + b) * n + i] = digit;
                    if (i + 1 < n) input[b * steps + n + i + 1] = digit;
                }
            }
        }
        return predicted;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
