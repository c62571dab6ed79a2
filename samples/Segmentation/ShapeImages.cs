using System;
using DslNet;

namespace SegmentationSample;

/// <summary>
/// Synthetic 1×12×12 images of one or two shapes, squares and discs of 5–8 px across at random places and
/// brightness, apart from each other, on Gaussian noise. The target labels every pixel: a one-hot vector over
/// <see cref="ClassNames"/> per pixel, NCHW like the network's output ([3, 12, 12] per image).
/// </summary>
internal static class ShapeImages
{
    public const int Size = 12;
    public const int Pixels = Size * Size;
    public const int Background = 0, Square = 1, Disc = 2;
    public const float MinExtent = 5f, MaxExtent = 8f;
    public const float Noise = 0.1f;

    public static readonly string[] ClassNames = ["background", "square", "disc"];

    /// <summary><paramref name="count"/> images [count, 1, 12, 12] with their one-hot label maps [count, 3, 12, 12], the same for the same seed.</summary>
    public static Dataset Generate(int count, int seed)
    {
        var random = new FastRandom(seed);
        var inputs = new float[count * Pixels];
        var targets = new float[count * ClassNames.Length * Pixels];
        var labels = new int[Pixels];
        Span<(float Left, float Top, float Right, float Bottom)> placed = stackalloc (float, float, float, float)[2];
        for (int i = 0; i < count; i++)
        {
            Array.Clear(labels);
            Span<float> image = inputs.AsSpan(i * Pixels, Pixels);
            int wanted = 1 + random.NextInt(2);
            int shapes = 0;
            for (int s = 0; s < wanted; s++)
            {
                int kind = 1 + random.NextInt(2);
                float extent = MinExtent + (MaxExtent - MinExtent) * random.NextFloat();
                float centreX = 0, centreY = 0;
                bool free = false;
                // A second shape gets a few tries to find room at least 1 px from the first; otherwise it is left out.
                for (int attempt = 0; attempt < 20 && !free; attempt++)
                {
                    centreX = extent / 2 + (Size - extent) * random.NextFloat();
                    centreY = extent / 2 + (Size - extent) * random.NextFloat();
                    free = true;
                    foreach (var box in placed[..shapes])
                    {
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
                        float coverage = kind == Square ? SquareCoverage(x, y, centreX, centreY, extent) : DiscCoverage(x, y, centreX, centreY, extent / 2);
                        if (coverage <= 0) continue;
                        image[y * Size + x] = Math.Max(image[y * Size + x], brightness * coverage);
                        // A pixel belongs to the shape that covers at least half of it.
                        if (coverage >= 0.5f) labels[y * Size + x] = kind;
                    }
                }
            }
            Span<float> target = targets.AsSpan(i * ClassNames.Length * Pixels, ClassNames.Length * Pixels);
            for (int p = 0; p < Pixels; p++)
            {
                image[p] += Noise * random.NextGaussian();
                target[labels[p] * Pixels + p] = 1f;
            }
        }
        return new Dataset(inputs, targets, count);
    }

    /// <summary>The exact area of pixel (x, y) inside an axis-aligned square.</summary>
    private static float SquareCoverage(int x, int y, float centreX, float centreY, float side)
    {
        float half = side / 2;
        float width = Math.Clamp(Math.Min(x + 1, centreX + half) - Math.Max(x, centreX - half), 0f, 1f);
        float height = Math.Clamp(Math.Min(y + 1, centreY + half) - Math.Max(y, centreY - half), 0f, 1f);
        return width * height;
    }

    /// <summary>How much of pixel (x, y) a disc covers: 1 inside, 0 outside, a linear ramp across the rim.</summary>
    private static float DiscCoverage(int x, int y, float centreX, float centreY, float radius)
    {
        float dx = x + 0.5f - centreX, dy = y + 0.5f - centreY;
        return Math.Clamp(radius + 0.5f - MathF.Sqrt(dx * dx + dy * dy), 0f, 1f);
    }
}
