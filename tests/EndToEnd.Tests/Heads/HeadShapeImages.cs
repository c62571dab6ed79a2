using System;

namespace DslNet.EndToEnd.Tests.Heads;

/// <summary>
/// samples/Segmentation's data: 1×12×12 images of one or two squares or discs, 5–8 px across, apart, on noise
/// σ 0.1; the target is a one-hot label (background 0, square 1, disc 2) per pixel, NCHW [3, 12, 12].
/// </summary>
internal static class HeadShapeImages
{
    public const int Size = 12, Pixels = Size * Size, Classes = 3;

    public static Dataset Generate(int count, int seed)
    {
        var random = new FastRandom(seed);
        var inputs = new float[count * Pixels];
        var targets = new float[count * Classes * Pixels];
        var labels = new int[Pixels];
        var placed = new (float Left, float Top, float Right, float Bottom)[2];
        for (int i = 0; i < count; i++)
        {
            Array.Clear(labels);
            Span<float> image = inputs.AsSpan(i * Pixels, Pixels);
            int wanted = 1 + random.NextInt(2), shapes = 0;
            for (int s = 0; s < wanted; s++)
            {
                int kind = 1 + random.NextInt(2);
                float extent = 5f + 3f * random.NextFloat();
                float centreX = 0, centreY = 0;
                bool free = false;
                for (int attempt = 0; attempt < 20 && !free; attempt++)
                {
                    centreX = extent / 2 + (Size - extent) * random.NextFloat();
                    centreY = extent / 2 + (Size - extent) * random.NextFloat();
                    free = true;
                    for (int p = 0; p < shapes; p++)
                    {
                        var box = placed[p];
                        if (centreX - extent / 2 < box.Right + 1 && centreX + extent / 2 > box.Left - 1
                            && centreY - extent / 2 < box.Bottom + 1 && centreY + extent / 2 > box.Top - 1) free = false;
                    }
                }
                if (!free) continue;
                placed[shapes++] = (centreX - extent / 2, centreY - extent / 2, centreX + extent / 2, centreY + extent / 2);
                float brightness = 0.6f + 0.4f * random.NextFloat();
                for (int y = 0; y < Size; y++)
                {
                    for (int x = 0; x < Size; x++)
                    {
                        float coverage = kind == 1 ? SquareCoverage(x, y, centreX, centreY, extent) : DiscCoverage(x, y, centreX, centreY, extent / 2);
                        if (coverage <= 0) continue;
                        image[y * Size + x] = Math.Max(image[y * Size + x], brightness * coverage);
                        if (coverage >= 0.5f) labels[y * Size + x] = kind;
                    }
                }
            }
            for (int p = 0; p < Pixels; p++)
            {
                image[p] += 0.1f * random.NextGaussian();
                targets[(i * Classes + labels[p]) * Pixels + p] = 1f;
            }
        }
        return new Dataset(inputs, targets, count);
    }

    private static float SquareCoverage(int x, int y, float centreX, float centreY, float side)
    {
        float half = side / 2;
        float width = Math.Clamp(Math.Min(x + 1, centreX + half) - Math.Max(x, centreX - half), 0f, 1f);
        float height = Math.Clamp(Math.Min(y + 1, centreY + half) - Math.Max(y, centreY - half), 0f, 1f);
        return width * height;
    }

    private static float DiscCoverage(int x, int y, float centreX, float centreY, float radius)
    {
        float dx = x + 0.5f - centreX, dy = y + 0.5f - centreY;
        return Math.Clamp(radius + 0.5f - MathF.Sqrt(dx * dx + dy * dy), 0f, 1f);
    }
}
