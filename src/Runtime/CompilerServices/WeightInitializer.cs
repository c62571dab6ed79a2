using System;
using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>The default weight initialisations that generated networks call, one per activation family.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WeightInitializer
{
    /// <summary>He (Kaiming) normal, for ReLU layers: N(0, 2 / fanIn).</summary>
    public static void HeNormal(Span<float> weights, int fanIn, FastRandom random)
    {
        float std = MathF.Sqrt(2f / fanIn);
        for (int i = 0; i < weights.Length; i++) weights[i] = std * random.NextGaussian();
    }

    /// <summary>Glorot (Xavier) uniform, for sigmoid, tanh, softmax and linear layers: U(±√(6 / (fanIn + fanOut))).</summary>
    public static void GlorotUniform(Span<float> weights, int fanIn, int fanOut, FastRandom random)
    {
        float limit = MathF.Sqrt(6f / (fanIn + fanOut));
        for (int i = 0; i < weights.Length; i++) weights[i] = (2f * random.NextFloat() - 1f) * limit;
    }

    /// <summary>Normal N(0, <paramref name="std"/>²), for learned position tables (GPT-2's 0.02).</summary>
    public static void Normal(Span<float> weights, float std, FastRandom random)
    {
        for (int i = 0; i < weights.Length; i++) weights[i] = std * random.NextGaussian();
    }

    /// <summary>Uniform in ±<paramref name="limit"/>, for embedding tables (Keras' default, ±0.05).</summary>
    public static void Uniform(Span<float> weights, float limit, FastRandom random)
    {
        for (int i = 0; i < weights.Length; i++) weights[i] = (2f * random.NextFloat() - 1f) * limit;
    }
}
