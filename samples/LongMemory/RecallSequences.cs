using System;
using DslNet;

namespace LongMemorySample;

/// <summary>
/// Synthetic sequences of one-hot symbols for memory tasks. Each step has <see cref="Features"/> channels: one of four
/// symbols (channels 0–3) and a marker (channel 4) on the step a task asks about.
/// </summary>
public static class RecallSequences
{
    public const int Features = 5;
    public const int Classes = 4;

    /// <summary>
    /// Remember the marked symbol: every step holds a random symbol, one step in the first quarter carries the marker,
    /// and the target is that step's symbol. The later symbols overwrite whatever a network does not protect, so only
    /// a network that keeps information for most of <paramref name="timeSteps"/> steps beats chance (25 %).
    /// </summary>
    public static Dataset MarkedSymbol(int count, int timeSteps, int seed)
    {
        var random = new FastRandom(seed);
        var inputs = new float[count * timeSteps * Features];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int marked = random.NextInt(Math.Max(1, timeSteps / 4));
            for (int t = 0; t < timeSteps; t++)
            {
                int symbol = random.NextInt(Classes);
                int step = (i * timeSteps + t) * Features;
                inputs[step + symbol] = 1f;
                if (t != marked) continue;
                inputs[step + Classes] = 1f;
                labels[i] = symbol;
            }
        }
        return Dataset.FromLabels(inputs, labels, Classes);
    }

    /// <summary>
    /// Name the last symbol: sequences of random length in [<paramref name="minLength"/>, <paramref name="timeSteps"/>]
    /// of symbols, padded to <paramref name="timeSteps"/> with random symbols too, and the target is the symbol at the
    /// sequence's own last step. A network that ran over the padding would answer with the padding's last symbol.
    /// </summary>
    public static Dataset LastSymbol(int count, int timeSteps, int minLength, int seed)
    {
        if (minLength < 1 || minLength > timeSteps) throw new ArgumentOutOfRangeException(nameof(minLength));
        var random = new FastRandom(seed);
        var inputs = new float[count * timeSteps * Features];
        var labels = new int[count];
        var lengths = new int[count];
        for (int i = 0; i < count; i++)
        {
            lengths[i] = minLength + random.NextInt(timeSteps - minLength + 1);
            for (int t = 0; t < timeSteps; t++)
            {
                int symbol = random.NextInt(Classes);
                inputs[(i * timeSteps + t) * Features + symbol] = 1f;
                if (t == lengths[i] - 1) labels[i] = symbol;
            }
        }
        var labelled = Dataset.FromLabels(inputs, labels, Classes);
        var targets = new float[count * Classes];
        for (int i = 0; i < count; i++) labelled.Target(i).CopyTo(targets.AsSpan(i * Classes, Classes));
        return new Dataset(inputs, targets, count, lengths);
    }
}
