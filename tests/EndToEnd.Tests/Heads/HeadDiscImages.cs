using System;

namespace DslNet.EndToEnd.Tests.Heads;

/// <summary>
/// samples/ImageRegression's data: 1×16×16 images of one disc, radius 1.5–5 px, at a random place and brightness
/// on Gaussian noise σ 0.2; the target is the radius in pixels.
/// </summary>
internal static class HeadDiscImages
{
    public const int Size = 16;

    public static Dataset Generate(int count, int seed)
    {
        var random = new FastRandom(seed);
        var inputs = new float[count * Size * Size];
        var targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            float radius = 1.5f + 3.5f * random.NextFloat();
            float centreX = radius + (Size - 2 * radius) * random.NextFloat();
            float centreY = radius + (Size - 2 * radius) * random.NextFloat();
            float brightness = 0.5f + 0.5f * random.NextFloat();
            Span<float> image = inputs.AsSpan(i * Size * Size, Size * Size);
            for (int y = 0; y < Size; y++)
            {
                for (int x = 0; x < Size; x++)
                {
                    float dx = x + 0.5f - centreX, dy = y + 0.5f - centreY;
                    float coverage = Math.Clamp(radius + 0.5f - MathF.Sqrt(dx * dx + dy * dy), 0f, 1f);
                    image[y * Size + x] = brightness * coverage + 0.2f * random.NextGaussian();
                }
            }
            targets[i] = radius;
        }
        return new Dataset(inputs, targets, count);
    }
}
