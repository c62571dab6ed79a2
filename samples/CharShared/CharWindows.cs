using System;

namespace DslNet.Samples;

/// <summary>Cuts a text into non-overlapping windows: input ids [T] and, as targets, the next character of each step one-hot [T, classes].</summary>
internal static class CharWindows
{
    public static Dataset Create(ReadOnlySpan<int> ids, int timeSteps, int classes)
    {
        int count = (ids.Length - 1) / timeSteps;
        if (count < 1) throw new ArgumentException($"{ids.Length} characters are too few for one window of {timeSteps} steps.", nameof(ids));
        var inputs = new float[count * timeSteps];
        var targets = new float[(long)count * timeSteps * classes];
        for (int w = 0; w < count; w++)
        {
            for (int t = 0; t < timeSteps; t++)
            {
                int at = w * timeSteps + t;
                inputs[at] = ids[at];
                targets[(long)at * classes + ids[at + 1]] = 1f;
            }
        }
        return new Dataset(inputs, targets, count);
    }
}
