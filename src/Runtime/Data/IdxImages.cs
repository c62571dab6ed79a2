using System;

namespace DslNet;

/// <summary>
/// Single-channel images read from an IDX file: <see cref="Pixels"/> holds them as
/// [Count, Channels = 1, Height, Width] in row-major order, already scaled.
/// </summary>
public sealed class IdxImages
{
    internal IdxImages(float[] pixels, int count, int height, int width)
    {
        Pixels = pixels;
        Count = count;
        Height = height;
        Width = width;
    }

    /// <summary>Every pixel, [Count, 1, Height, Width]; pass it straight to a <see cref="Dataset"/> without copying.</summary>
    public float[] Pixels { get; }

    /// <summary>The number of images.</summary>
    public int Count { get; }

    /// <summary>Channels per image: always 1, since IDX image files hold grey levels.</summary>
    public int Channels => 1;

    /// <summary>Rows per image.</summary>
    public int Height { get; }

    /// <summary>Columns per image.</summary>
    public int Width { get; }

    /// <summary>Floats per image: Channels × Height × Width.</summary>
    public int ImageSize => Height * Width;

    /// <summary>The pixels of image <paramref name="index"/>, [1, Height, Width].</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, Count).</exception>
    public ReadOnlySpan<float> Image(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The file holds images [0, {Count}).");
        }
        return Pixels.AsSpan(index * ImageSize, ImageSize);
    }
}
