using System;

namespace DslNet.Tests;

/// <summary>Seeded random arrays and the repository paths the tests read.</summary>
public static class TestData
{
    public static float[] Uniform(int length, float low, float high, int seed)
    {
        var random = new FastRandom(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = low + (high - low) * random.NextFloat();
        return values;
    }

    public static double[] UniformDouble(int length, double low, double high, int seed)
    {
        var random = new FastRandom(seed);
        var values = new double[length];
        for (int i = 0; i < length; i++) values[i] = low + (high - low) * random.NextFloat();
        return values;
    }

    /// <summary>[batch, classes] one-hot rows with seeded labels.</summary>
    public static float[] OneHot(int batch, int classes, int seed)
    {
        var random = new FastRandom(seed);
        var values = new float[batch * classes];
        for (int row = 0; row < batch; row++) values[row * classes + random.NextInt(classes)] = 1f;
        return values;
    }

    /// <summary>[batch, classes] rows of positive probabilities summing to one.</summary>
    public static float[] ProbabilityRows(int batch, int classes, int seed)
    {
        float[] values = Uniform(batch * classes, 0.1f, 1f, seed);
        for (int row = 0; row < batch; row++)
        {
            Span<float> r = values.AsSpan(row * classes, classes);
            float sum = 0;
            foreach (float v in r) sum += v;
            for (int c = 0; c < classes; c++) r[c] /= sum;
        }
        return values;
    }

    /// <summary>The repository root, found by walking up from the test binaries to the solution file.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var directory = new System.IO.DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "DslNet.sln")))
            {
                directory = directory.Parent;
            }
            return directory?.FullName ?? throw new InvalidOperationException($"No DslNet.sln above {AppContext.BaseDirectory}.");
        }
    }
}
