using System;

namespace DslNet.EndToEnd.Tests.Heads;

/// <summary>
/// samples/Localization's data: 1×16×16 images of one rectangle, ellipse or triangle (classes 0, 1, 2), 6–12 px
/// wide and high, anti-aliased by 4×4 supersampling, on noise σ 0.1; the target is the class one-hot then the box
/// (centre x, centre y, width, height) as fractions of the image side.
/// </summary>
internal static class HeadObjectImages
{
    public const int Size = 16, Classes = 3, TargetSize = Classes + 4;

    public static Dataset Generate(int count, int seed)
    {
        var random = new FastRandom(seed);
        var inputs = new float[count * Size * Size];
        var targets = new float[count * TargetSize];
        for (int i = 0; i < count; i++)
        {
            int kind = random.NextInt(Classes);
            float width = 6f + 6f * random.NextFloat();
            float height = 6f + 6f * random.NextFloat();
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
                            float u = (x + (sx + 0.5f) / 4 - left) / width, v = (y + (sy + 0.5f) / 4 - top) / height;
                            bool hit = kind switch
                            {
                                0 => u >= 0 && u <= 1 && v >= 0 && v <= 1,
                                1 => (u - 0.5f) * (u - 0.5f) + (v - 0.5f) * (v - 0.5f) <= 0.25f,
                                _ => v >= 0 && v <= 1 && Math.Abs(u - 0.5f) <= v / 2,
                            };
                            if (hit) inside++;
                        }
                    }
                    image[y * Size + x] = brightness * inside / 16f + 0.1f * random.NextGaussian();
                }
            }
            Span<float> target = targets.AsSpan(i * TargetSize, TargetSize);
            target[kind] = 1f;
            target[Classes] = (left + width / 2) / Size;
            target[Classes + 1] = (top + height / 2) / Size;
            target[Classes + 2] = width / Size;
            target[Classes + 3] = height / Size;
        }
        return new Dataset(inputs, targets, count);
    }
}
