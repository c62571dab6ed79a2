using System;
using ReverseDigitsSample;
using Xunit;
using Xunit.Abstractions;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// The ReverseDigits sample's transformer learns, in seconds, a task that needs attention to a position chosen by
/// position: reversing 8 digits, scored as the sample scores it, by greedy decoding of held-out sequences. The data,
/// the network and the decoder are the sample's own files, linked into this project.
/// </summary>
public sealed class AttentionLearningTests(ITestOutputHelper output)
{
    [Fact]
    public void A_causal_transformer_learns_to_reverse_eight_digits()
    {
        var test = Reversals.Generate(500, length: 8, seed: 2);
        var training = Reversals.Generate(5000, length: 8, seed: 1, heldOut: test);
        var network = new SequenceReverser(training.TimeSteps, seed: 3, batchCapacity: 64);
        var trainer = new Trainer(network, new SequenceCrossEntropyLoss(Reversals.Digits), new AdamOptimizer(3e-3f),
            new TrainerOptions { Epochs = 2, BatchSize = 64, Seed = 4, ClipGradientNorm = 1f });

        var history = trainer.Fit(training.Data);

        var score = ReversalScore.Of(test, ReversalDecoder.Decode(network, test));
        output.WriteLine($"loss {history[0].TrainingLoss:F3} → {history[^1].TrainingLoss:F4}; digits {score.DigitAccuracy:P2}, sequences {score.SequenceAccuracy:P2}");
        Assert.True(score.SequenceAccuracy >= 0.95, $"{score.SequenceAccuracy:P1} of the held-out sequences reversed right ({score.DigitAccuracy:P1} of the digits; chance 10 % a digit)");
    }

    [Fact]
    public void Reversals_show_the_digits_then_the_reversal_so_far_and_target_the_reversal_from_the_separator_on()
    {
        var heldOut = Reversals.Generate(200, length: 3, seed: 1);
        var set = Reversals.Generate(300, length: 3, seed: 2, heldOut: heldOut);

        for (int n = 0; n < set.Count; n++)
        {
            ReadOnlySpan<int> d = set.Sequence(n);
            Assert.Equal(new float[] { d[0], d[1], d[2], Reversals.Separator, d[2], d[1] }, set.Data.Input(n).ToArray());
            ReadOnlySpan<float> target = set.Data.Target(n);
            for (int t = 0; t < set.TimeSteps; t++)
            {
                ReadOnlySpan<float> row = target.Slice(t * Reversals.Digits, Reversals.Digits);
                // No target while the digits are read; from the separator on, the reversal d₃ d₂ d₁.
                int expected = t < 3 ? -1 : d[5 - t];
                for (int c = 0; c < Reversals.Digits; c++) Assert.Equal(c == expected ? 1f : 0f, row[c]);
            }
            for (int h = 0; h < heldOut.Count; h++) Assert.False(d.SequenceEqual(heldOut.Sequence(h)), $"training sequence {n} is held-out sequence {h}");
        }
        Assert.Equal(new ReversalScore(1, 1), ReversalScore.Of(set, Reversed(set)));
    }

    private static int[] Reversed(Reversals set)
    {
        var reversed = new int[set.Count * set.Length];
        for (int n = 0; n < set.Count; n++)
        for (int i = 0; i < set.Length; i++) reversed[n * set.Length + i] = set.Sequence(n)[set.Length - 1 - i];
        return reversed;
    }
}
