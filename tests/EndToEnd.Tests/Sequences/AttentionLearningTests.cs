using System;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>A tiny causal transformer learns, in seconds, a task that needs attention to a position chosen by position.</summary>
public sealed class AttentionLearningTests
{
    private const int Digits = 4, Separator = 6, Classes = 7, TimeSteps = 2 * Digits;

    /// <summary>
    /// Next-token prediction on "d₁ d₂ d₃ d₄ | d₄ d₃ d₂": from the separator on, the target is the digits reversed, so
    /// step 4 + i must look back at step 3 − i. The steps before the separator have no target (all-zero rows).
    /// </summary>
    private static (Dataset Data, float[] Inputs, float[] Targets) Reversals(int count, int seed)
    {
        var random = new FastRandom(seed);
        var inputs = new float[count * TimeSteps];
        var targets = new float[count * TimeSteps * Classes];
        for (int n = 0; n < count; n++)
        {
            var digits = new int[Digits];
            for (int i = 0; i < Digits; i++) digits[i] = random.NextInt(Separator);
            for (int i = 0; i < Digits; i++) inputs[n * TimeSteps + i] = digits[i];
            inputs[n * TimeSteps + Digits] = Separator;
            for (int i = 1; i < Digits; i++) inputs[n * TimeSteps + Digits + i] = digits[Digits - i];
            for (int i = 0; i < Digits; i++) targets[(n * TimeSteps + Digits + i) * Classes + digits[Digits - 1 - i]] = 1;
        }
        return (new Dataset(inputs, targets, count), inputs, targets);
    }

    [Fact]
    public void A_causal_transformer_learns_to_reverse_four_digits()
    {
        var training = Reversals(3000, seed: 1).Data;
        var (test, testInputs, testTargets) = Reversals(500, seed: 2);
        var network = new DigitReverser(TimeSteps, seed: 3);
        var trainer = new Trainer(network, new SequenceCrossEntropyLoss(Classes), new AdamOptimizer(3e-3f),
            new TrainerOptions { Epochs = 25, BatchSize = 32, Seed = 4, ClipGradientNorm = 5f });

        trainer.Fit(training);

        var output = new float[test.Count * network.OutputSize];
        network.Forward(testInputs, output, test.Count);
        int correct = 0;
        for (int n = 0; n < test.Count; n++)
        for (int i = 0; i < Digits; i++)
        {
            int row = (n * TimeSteps + Digits + i) * Classes;
            int predicted = MaxIndex(output.AsSpan(row, Classes));
            if (testTargets[row + predicted] == 1) correct++;
        }
        float accuracy = correct / (float)(test.Count * Digits);
        Assert.True(accuracy >= 0.98f, $"reversed-digit accuracy {accuracy:P1} (chance {1f / Separator:P1})");
    }

    private static int MaxIndex(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
