using System;

namespace DslNet.Bench.Data;

/// <summary>Inputs and targets drawn from a fixed seed, so every run times the same numbers.</summary>
internal static class RandomData
{
    /// <summary>Uniform in [0, 1), like scaled pixels.</summary>
    public static float[] Uniform(int length, FastRandom random)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = random.NextFloat();
        return values;
    }

    /// <summary>Standard normal values, for regression inputs and targets.</summary>
    public static float[] Gaussian(int length, FastRandom random)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = random.NextGaussian();
        return values;
    }

    /// <summary>One random class per sample, one-hot: [batch, classes].</summary>
    public static float[] OneHot(int batch, int classes, FastRandom random)
    {
        var targets = new float[batch * classes];
        for (int b = 0; b < batch; b++) targets[b * classes + random.NextInt(classes)] = 1f;
        return targets;
    }
}
