using System;

namespace ReverseDigitsSample;

/// <summary>How many predicted reversals are right: digit by digit, and whole sequences with every digit right.</summary>
public readonly record struct ReversalScore(double DigitAccuracy, double SequenceAccuracy)
{
    /// <summary>Compares <paramref name="predicted"/> ([Count, Length], as <see cref="ReversalDecoder.Decode"/> returns it) with the true reversals.</summary>
    public static ReversalScore Of(Reversals set, ReadOnlySpan<int> predicted)
    {
        int n = set.Length;
        if (predicted.Length != set.Count * n) throw new ArgumentException($"Expected {set.Count * n} predicted digits, got {predicted.Length}.", nameof(predicted));
        long digits = 0;
        int sequences = 0;
        for (int s = 0; s < set.Count; s++)
        {
            ReadOnlySpan<int> sequence = set.Sequence(s);
            int right = 0;
            for (int i = 0; i < n; i++) if (predicted[s * n + i] == sequence[n - 1 - i]) right++;
            digits += right;
            if (right == n) sequences++;
        }
        return new ReversalScore(digits / (double)(set.Count * n), sequences / (double)set.Count);
    }
}
