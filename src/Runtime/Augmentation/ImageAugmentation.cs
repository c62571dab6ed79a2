using System;
using System.Collections.Generic;
using DslNet.CompilerServices;

namespace DslNet;

/// <summary>
/// Random geometric augmentation of image batches laid out [batch, channels, height, width]: the transforms
/// (<see cref="RandomRotation"/>, <see cref="RandomHorizontalFlip"/>, <see cref="RandomScale"/>,
/// <see cref="RandomShift"/>, or your own <see cref="IImageTransform"/>) compose, in the order given, into one
/// affine warp per image, drawn from a seeded <see cref="FastRandom"/>, and each image is resampled once
/// with bilinear interpolation; points outside the source read <see cref="FillValue"/>. All channels of an
/// image share its warp. Set it in <see cref="TrainerOptions.Augmentation"/> and the trainer augments
/// training batches only. Applying it allocates nothing.
/// </summary>
/// <example>
/// <code>
/// new ImageAugmentation(channels: 1, height: 28, width: 28,
///     new RandomRotation(10), new RandomScale(0.1f), new RandomShift(2))
/// </code>
/// </example>
public sealed class ImageAugmentation
{
    private readonly IImageTransform[] _transforms;

    /// <summary>Creates the augmentation for images of [<paramref name="channels"/>, <paramref name="height"/>, <paramref name="width"/>].</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is less than 1.</exception>
    /// <exception cref="ArgumentNullException">A transform is null.</exception>
    public ImageAugmentation(int channels, int height, int width, params IImageTransform[] transforms)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        CheckDimension(channels, nameof(channels));
        CheckDimension(height, nameof(height));
        CheckDimension(width, nameof(width));
        foreach (var transform in transforms) ArgumentNullException.ThrowIfNull(transform, nameof(transforms));
        Channels = channels;
        Height = height;
        Width = width;
        _transforms = (IImageTransform[])transforms.Clone();
    }

    /// <summary>Channels per image.</summary>
    public int Channels { get; }

    /// <summary>Rows per image.</summary>
    public int Height { get; }

    /// <summary>Columns per image.</summary>
    public int Width { get; }

    /// <summary>Floats per image, <c>Channels · Height · Width</c>.</summary>
    public int ImageSize => Channels * Height * Width;

    /// <summary>The operations, in the order they act.</summary>
    public IReadOnlyList<IImageTransform> Transforms => _transforms;

    /// <summary>The value read outside the source image (constant padding); 0 by default.</summary>
    public float FillValue { get; init; }

    /// <summary>
    /// Draws one warp per image from <paramref name="random"/> and writes the warped batch to
    /// <paramref name="destination"/>; <paramref name="images"/> is not changed. The two must not overlap.
    /// </summary>
    /// <exception cref="ArgumentException">The batch is not positive, or a length is not batch × <see cref="ImageSize"/>.</exception>
    public void Apply(ReadOnlySpan<float> images, Span<float> destination, int batch, FastRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        NetworkArguments.CheckBatch(batch, nameof(ImageAugmentation));
        NetworkArguments.CheckLength(images.Length, batch, ImageSize, nameof(images), nameof(ImageAugmentation));
        NetworkArguments.CheckLength(destination.Length, batch, ImageSize, nameof(destination), nameof(ImageAugmentation));
        for (int b = 0; b < batch; b++)
        {
            var warp = ImageWarp.Identity;
            foreach (var transform in _transforms) warp = transform.Compose(warp, random);
            Warp(images.Slice(b * ImageSize, ImageSize), destination.Slice(b * ImageSize, ImageSize), warp);
        }
    }

    /// <summary>Writes <paramref name="image"/> warped by <paramref name="warp"/> to <paramref name="destination"/>, one image of <see cref="ImageSize"/> floats.</summary>
    /// <exception cref="ArgumentException">A length is not <see cref="ImageSize"/>.</exception>
    public void Apply(ReadOnlySpan<float> image, Span<float> destination, ImageWarp warp)
    {
        NetworkArguments.CheckLength(image.Length, 1, ImageSize, nameof(image), nameof(ImageAugmentation));
        NetworkArguments.CheckLength(destination.Length, 1, ImageSize, nameof(destination), nameof(ImageAugmentation));
        Warp(image, destination, warp);
    }

    private void Warp(ReadOnlySpan<float> source, Span<float> destination, ImageWarp warp)
    {
        if (warp.IsIdentity)
        {
            source.CopyTo(destination);
            return;
        }
        int height = Height, width = Width, plane = height * width;
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                var (sx, sy) = warp.SourceOf(x - cx, y - cy);
                double px = sx + cx, py = sy + cy;
                int at = y * width + x;
                // Entirely outside, with no source pixel among the four neighbours (also keeps the casts below in range).
                if (!(px > -1 && px < width && py > -1 && py < height))
                {
                    for (int c = 0; c < Channels; c++) destination[c * plane + at] = FillValue;
                    continue;
                }
                double fx0 = Math.Floor(px), fy0 = Math.Floor(py);
                int x0 = (int)fx0, y0 = (int)fy0;
                float fx = (float)(px - fx0), fy = (float)(py - fy0);
                float w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
                for (int c = 0; c < Channels; c++)
                {
                    ReadOnlySpan<float> channel = source.Slice(c * plane, plane);
                    destination[c * plane + at] =
                        w00 * Pixel(channel, x0, y0) + w10 * Pixel(channel, x0 + 1, y0)
                        + w01 * Pixel(channel, x0, y0 + 1) + w11 * Pixel(channel, x0 + 1, y0 + 1);
                }
            }
        }
    }

    private float Pixel(ReadOnlySpan<float> channel, int x, int y) =>
        (uint)x < (uint)Width && (uint)y < (uint)Height ? channel[y * Width + x] : FillValue;

    /// <inheritdoc />
    public override string ToString() =>
        $"[{Channels}, {Height}, {Width}] images: {(_transforms.Length == 0 ? "no transforms" : string.Join(", ", (object[])_transforms))}";

    private static void CheckDimension(int value, string name)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(name, value, $"{nameof(ImageAugmentation)}: image dimensions must be at least 1.");
    }
}
