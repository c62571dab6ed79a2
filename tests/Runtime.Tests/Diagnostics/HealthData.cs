using System;

namespace DslNet.Tests;

/// <summary>Seeded synthetic data sets for the health, regularisation and determinism tests.</summary>
internal static class HealthData
{
    /// <summary>Gaussian blobs around random centres in <paramref name="inputs"/> dimensions, one per class: separable, learnable in a few epochs.</summary>
    public static Dataset Blobs(int count, int inputs, int classes, int seed, float spread = 0.5f)
    {
        var random = new FastRandom(seed);
        var centres = new float[classes * inputs];
        for (int i = 0; i < centres.Length; i++) centres[i] = 2f * random.NextFloat() - 1f;
        var x = new float[count * inputs];
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            int label = n % classes;
            labels[n] = label;
            for (int k = 0; k < inputs; k++) x[n * inputs + k] = centres[label * inputs + k] + spread * random.NextGaussian();
        }
        return Dataset.FromLabels(x, labels, classes);
    }

    /// <summary>A smooth regression target of <paramref name="inputs"/> values: two outputs, sums of sines and squares.</summary>
    public static Dataset Regression(int count, int inputs, int seed)
    {
        var random = new FastRandom(seed);
        var x = new float[count * inputs];
        var y = new float[count * 2];
        for (int n = 0; n < count; n++)
        {
            float a = 0, b = 0;
            for (int k = 0; k < inputs; k++)
            {
                float v = 2f * random.NextFloat() - 1f;
                x[n * inputs + k] = v;
                a += MathF.Sin(2 * v);
                b += v * v;
            }
            y[2 * n] = a;
            y[2 * n + 1] = b;
        }
        return new Dataset(x, y, count);
    }

    /// <summary>The 8×8 digits of the Digits sample, scaled to [0, 1], split 80/20 with seed 42 as the sample does.</summary>
    public static (Dataset Training, Dataset Test) Digits()
    {
        string path = System.IO.Path.Combine(TestData.RepositoryRoot, "samples", "data", "digits.csv.gz");
        return CsvDataset.LoadClassification(path, classCount: 10, inputScale: 1f / 16).Split(0.8, seed: 42);
    }
}
