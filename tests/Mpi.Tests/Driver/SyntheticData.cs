using System;
using DslNet;

namespace DslNet.Mpi.TestDriver;

/// <summary>Seeded, learnable data sets, the same on every rank: images whose class follows from a fixed projection, and sequences of varying length.</summary>
internal static class SyntheticData
{
    public const int Features = 4;
    public const int Classes = 10;

    /// <summary>1×28×28 images with uniform pixels; the class is the arg-max of a fixed random projection of the pixels.</summary>
    public static Dataset Images(int count, int seed)
    {
        var random = new Random(seed);
        var projection = new float[Classes * 784];
        for (int i = 0; i < projection.Length; i++) projection[i] = (float)(random.NextDouble() - 0.5);
        var inputs = new float[count * 784];
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            var image = inputs.AsSpan(n * 784, 784);
            for (int i = 0; i < image.Length; i++) image[i] = (float)random.NextDouble();
            float best = float.NegativeInfinity;
            for (int c = 0; c < Classes; c++)
            {
                float score = 0;
                for (int i = 0; i < image.Length; i++) score += projection[c * 784 + i] * image[i];
                if (score > best) (best, labels[n]) = (score, c);
            }
        }
        return Dataset.FromLabels(inputs, labels, Classes);
    }

    /// <summary>Sequences of 3 to <paramref name="timeSteps"/> steps; the class is the first step's strongest feature, or more for longer sequences.</summary>
    public static Dataset Sequences(int count, int timeSteps, int seed)
    {
        var random = new Random(seed);
        var inputs = new float[count * timeSteps * Features];
        var targets = new float[count * Classes];
        var lengths = new int[count];
        for (int n = 0; n < count; n++)
        {
            lengths[n] = random.Next(3, timeSteps + 1);
            for (int t = 0; t < lengths[n]; t++)
            {
                for (int f = 0; f < Features; f++) inputs[(n * timeSteps + t) * Features + f] = (float)random.NextDouble();
            }
            var first = inputs.AsSpan(n * timeSteps * Features, Features);
            int strongest = first.IndexOf(MaxOf(first));
            targets[n * Classes + (strongest + (lengths[n] > timeSteps / 2 ? Features : 0))] = 1f;
        }
        return new Dataset(inputs, targets, count, lengths);
    }

    private static float MaxOf(ReadOnlySpan<float> values)
    {
        float max = values[0];
        foreach (float value in values) max = Math.Max(max, value);
        return max;
    }
}
