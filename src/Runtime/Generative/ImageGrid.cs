using System;
using System.IO;
using StbImageWriteSharp;

namespace DslNet;

/// <summary>
/// Lays grey-level images out in a grid and saves it as a PNG file a person can open: reconstructions beside their
/// originals, samples from a prior, a latent interpolation. Pixel values are mapped linearly from
/// [<see cref="Low"/>, <see cref="High"/>] to black…white (values outside are clipped); tiles are separated by a
/// grey line and can be enlarged, since an 8×8 digit is too small to see.
/// </summary>
/// <example>
/// <code>
/// var grid = new ImageGrid(8, 8, columns: 10, scale: 4);
/// for (int i = 0; i &lt; 20; i++) grid.Add(test.Input(i));
/// grid.Save("out/originals.png");
/// </code>
/// </example>
public sealed class ImageGrid
{
    // Mid-grey separates tiles on both white-on-black digits and dark-on-light clothes.
    private const byte SeparatorLevel = 128;

    private readonly System.Collections.Generic.List<float[]> _images = [];

    /// <summary>Creates an empty grid of <paramref name="columns"/> tiles per row, each <paramref name="imageHeight"/> × <paramref name="imageWidth"/> pixels shown <paramref name="scale"/> times larger.</summary>
    /// <exception cref="ArgumentException">A size is below 1, or <paramref name="high"/> is not above <paramref name="low"/>.</exception>
    public ImageGrid(int imageHeight, int imageWidth, int columns, int scale = 1, float low = 0f, float high = 1f)
    {
        if (imageHeight < 1 || imageWidth < 1 || columns < 1 || scale < 1)
        {
            throw new ArgumentException($"{nameof(ImageGrid)}: image height, width, columns and scale must be at least 1; got {imageHeight}, {imageWidth}, {columns} and {scale}.");
        }
        if (!(high > low) || !float.IsFinite(low) || !float.IsFinite(high))
        {
            throw new ArgumentException($"{nameof(ImageGrid)}: the pixel range [low, high] must be finite with high above low; got [{low}, {high}].");
        }
        (ImageHeight, ImageWidth, Columns, Scale, Low, High) = (imageHeight, imageWidth, columns, scale, low, high);
    }

    /// <summary>Rows of pixels in one image.</summary>
    public int ImageHeight { get; }

    /// <summary>Columns of pixels in one image.</summary>
    public int ImageWidth { get; }

    /// <summary>Tiles per row of the grid.</summary>
    public int Columns { get; }

    /// <summary>How many times larger each pixel is drawn (nearest neighbour).</summary>
    public int Scale { get; }

    /// <summary>The value drawn black.</summary>
    public float Low { get; }

    /// <summary>The value drawn white.</summary>
    public float High { get; }

    /// <summary>The images added so far; they fill the grid row by row.</summary>
    public int Count => _images.Count;

    /// <summary>Width of the whole picture in pixels: the tiles and a one-pixel separator around each.</summary>
    public int Width => Columns * (ImageWidth * Scale + 1) + 1;

    /// <summary>Height of the whole picture in pixels, for the rows the images fill (at least one).</summary>
    public int Height => Math.Max(1, (Count + Columns - 1) / Columns) * (ImageHeight * Scale + 1) + 1;

    /// <summary>Appends one image of <see cref="ImageHeight"/> × <see cref="ImageWidth"/> row-major values (copied).</summary>
    /// <exception cref="ArgumentException">The image does not hold height × width values.</exception>
    public void Add(ReadOnlySpan<float> image)
    {
        if (image.Length != ImageHeight * ImageWidth)
        {
            throw new ArgumentException($"{nameof(ImageGrid)}: an image must hold {ImageHeight} × {ImageWidth} = {ImageHeight * ImageWidth} values, got {image.Length}.", nameof(image));
        }
        _images.Add(image.ToArray());
    }

    /// <summary>Appends every image of <paramref name="images"/> [count, ImageHeight · ImageWidth].</summary>
    /// <exception cref="ArgumentException">The length is not a whole number of images.</exception>
    public void AddRange(ReadOnlySpan<float> images)
    {
        int size = ImageHeight * ImageWidth;
        if (images.Length % size != 0)
        {
            throw new ArgumentException($"{nameof(ImageGrid)}: {images.Length} values are not a whole number of {size}-value images.", nameof(images));
        }
        for (int start = 0; start < images.Length; start += size) Add(images.Slice(start, size));
    }

    /// <summary>The picture as grey levels, <see cref="Height"/> rows of <see cref="Width"/> bytes; empty cells stay black.</summary>
    public byte[] ToPixels()
    {
        int width = Width;
        var pixels = new byte[width * Height];
        Array.Fill(pixels, SeparatorLevel);
        int tileWidth = ImageWidth * Scale + 1, tileHeight = ImageHeight * Scale + 1;
        int cells = (Height - 1) / tileHeight * Columns;
        for (int index = 0; index < cells; index++)
        {
            int left = index % Columns * tileWidth + 1, top = index / Columns * tileHeight + 1;
            float[]? image = index < _images.Count ? _images[index] : null;
            for (int y = 0; y < ImageHeight * Scale; y++)
            {
                for (int x = 0; x < ImageWidth * Scale; x++)
                {
                    pixels[(top + y) * width + left + x] = image is null ? (byte)0 : Level(image[y / Scale * ImageWidth + x / Scale]);
                }
            }
        }
        return pixels;
    }

    /// <summary>
    /// Writes the picture to <paramref name="path"/> as an 8-bit grey PNG, creating the folder if needed. The file is
    /// written under a temporary name beside it and then renamed, so no half-written picture is ever left at the path.
    /// </summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = full + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                new ImageWriter().WritePng(ToPixels(), Width, Height, ColorComponents.Grey, stream);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private byte Level(float value)
    {
        float unit = (value - Low) / (High - Low);
        // NaN maps to black rather than to an arbitrary byte.
        return float.IsNaN(unit) ? (byte)0 : (byte)MathF.Round(255f * Math.Clamp(unit, 0f, 1f));
    }
}
