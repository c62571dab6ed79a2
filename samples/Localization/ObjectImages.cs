using System;
using DslNet;

namespace LocalizationSample;

/// <summary>
/// Synthetic 1×16×16 images of one object on Gaussian noise: a rectangle, an ellipse or a triangle (apex up) of
/// independent width and height 6–12 px, at a random place and brightness, its edges anti-aliased by 4×4
/// supersampling. The target is the class one-hot, then the box: centre x, centre y, width, height, each divided
/// by the image side (the layout <see cref="ClassAndBoxLoss"/> expects).
/// </summary>
internal static class ObjectImages
{
    public const int Size = 16;
    public const float MinExtent = 6f, MaxExtent = 12f;
    public const float Noise = 0.1f;

    public static readonly string[] ClassNames = ["rectangle", "ellipse", "triangle"];

    /// <summary>Floats per target: the class one-hot and the box.</summary>
    public static int TargetSize => ClassNames.Length + ClassAndBoxLoss.BoxSize;

    /// <summary><paramref name="count"/> images [count, 1, 16, 16] with targets [count, 7], the same for the same seed.</summary>
    public static Dataset Generate(int count, int seed)
    {
        var random = new FastRandom(seed);
        var inputs = new float[count * Size * Size];
        var targets = new float[count * TargetSize];
        for (int i = 0; i < count; i++)
        {
            int kind = random.NextInt(ClassNames.Length);
            float width = MinExtent + (MaxExtent - MinExtent) * random.NextFloat();
            float height = MinExtent + (MaxExtent - MinExtent) * random.NextFloat();
            float left = (Size - width) * random.NextFloat();
            float top = (Size - height) * random.NextFloat();
            float brightness = 0.6f + 0.4f * random.NextFloat();
            Span<float> image = inputs.AsSpan(i * Size * Size, Size * Size);
            for (int y = 0; y < Size; y++)
            {
                for (int x = 0; x < Size; x++)
                {
                    int inside = 0;
                    for (int sy = 0; sy < 4; sy++)
                    {
                        for (int sx = 0; sx < 4; sx++)
                        {
                            // The sub-sample's place inside the object's box, 0..1 on each axis.
                            float u = (x + (sx + 0.5f) / 4 - left) / width;
                            float v = (y + (sy + 0.5f) / 4 - top) / height;
                            if (Inside(kind, u, v)) inside++;
                        }
                    }
                    image[y * Size + x] = brightness * inside / 16f + Noise * random.NextGaussian();
                }
            }
            Span<float> target = targets.AsSpan(i * TargetSize, TargetSize);
            target[kind] = 1f;
            Span<float> box = target[ClassNames.Length..];
            box[0] = (left + width / 2) / Size;
            box[1] = (top + height / 2) / Size;
            box[2] = width / Size;
            box[3] = height / Size;
        }
        return new Dataset(inputs, targets, count);
    }

    private static bool Inside(int kind, float u, float v) => kind switch
    {
        0 => u >= 0 && u <= 1 && v >= 0 && v <= 1,
        1 => (u - 0.5f) * (u - 0.5f) + (v - 0.5f) * (v - 0.5f) <= 0.25f,
        // The triangle widens from the apex at the top centre to the full width at the bottom.
        _ => v >= 0 && v <= 1 && Math.Abs(u - 0.5f) <= v / 2,
    };
}
