using System;
using DslNet;

namespace ImageRegressionSample;

/// <summary>
/// Synthetic 1×16×16 images of one disc on Gaussian noise; the target is the disc's radius in pixels. Position and
/// brightness vary at random too, so neither the brightest pixel nor the total brightness gives the radius away.
/// </summary>
internal static class DiscImages
{
    public const int Size = 16;
    public const float MinRadius = 1.5f;
    public const float MaxRadius = 5f;
    public const float Noise = 0.2f;

    /// <summary><paramref name="count"/> images [count, 1, 16, 16] with their radii [count, 1], the same for the same seed.</summary>
    public static Dataset Generate(int count, int seed)
    {
        var random = new FastRandom(seed);
        var inputs = new float[count * Size * Size];
        var targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            float radius = MinRadius + (MaxRadius - MinRadius) * random.NextFloat();
            // The whole disc stays inside the image.
            float centreX = radius + (Size - 2 * radius) * random.NextFloat();
            float centreY = radius + (Size - 2 * radius) * random.NextFloat();
            float brightness = 0.5f + 0.5f * random.NextFloat();
            Span<float> image = inputs.AsSpan(i * Size * Size, Size * Size);
            for (int y = 0; y < Size; y++)
            {
                for (int x = 0; x < Size; x++)
                {
                    // Anti-aliased edge: the pixel covers the disc by how far its centre lies inside the rim.
                    float distance = MathF.Sqrt((x + 0.5f - centreX) * (x + 0.5f - centreX) + (y + 0.5f - centreY) * (y + 0.5f - centreY));
                    float coverage = Math.Clamp(radius + 0.5f - distance, 0f, 1f);
                    image[y * Size + x] = brightness * coverage + Noise * random.NextGaussian();
                }
            }
            targets[i] = radius;
        }
        return new Dataset(inputs, targets, count);
    }
}
