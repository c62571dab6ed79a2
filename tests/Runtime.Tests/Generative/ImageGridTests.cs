using System;
using System.IO;
using StbImageSharp;
using Xunit;

namespace DslNet.Tests;

/// <summary>The PNG grid, read back with an independent decoder: size, tile placement, the grey mapping, and no leftover files.</summary>
public sealed class ImageGridTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dslnet-grid-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Saved_png_holds_each_tile_scaled_with_values_mapped_to_grey_levels()
    {
        // Two 2×3 images in a grid of 2 columns at scale 2: each tile 6×4 pixels plus a separator line.
        var grid = new ImageGrid(imageHeight: 2, imageWidth: 3, columns: 2, scale: 2, low: -1f, high: 1f);
        grid.Add([-1f, 0f, 1f, 2f, -5f, float.NaN]);
        grid.AddRange(new float[6]);
        string path = Path.Combine(_folder, "nested", "grid.png");

        grid.Save(path);

        ImageResult image = ImageResult.FromMemory(File.ReadAllBytes(path), ColorComponents.Grey);
        Assert.Equal((2 * (3 * 2 + 1) + 1, 1 * (2 * 2 + 1) + 1), (image.Width, image.Height));
        byte At(int x, int y) => image.Data[y * image.Width + x];
        Assert.Equal(128, At(0, 0));                 // separator
        Assert.Equal(0, At(1, 1));                   // −1 → black
        Assert.Equal(0, At(2, 2));                   // the same pixel, enlarged
        Assert.Equal(128, At(3, 1));                 // 0 → mid-grey (127.5 rounds to 128)
        Assert.Equal(255, At(5, 1));                 // 1 → white
        Assert.Equal(255, At(1, 3));                 // 2 is clipped to white
        Assert.Equal(0, At(3, 3));                   // −5 is clipped to black
        Assert.Equal(0, At(5, 3));                   // NaN → black
        Assert.Equal(128, At(7, 1));                 // separator between the tiles
        Assert.Equal(128, At(8, 1));                 // second tile: zeros
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Saving_again_replaces_the_file_whole()
    {
        string path = Path.Combine(_folder, "again.png");
        var small = new ImageGrid(2, 2, columns: 1);
        small.Add([1f, 1f, 1f, 1f]);
        small.Save(path);
        var large = new ImageGrid(2, 2, columns: 3, scale: 3);
        for (int i = 0; i < 6; i++) large.Add([0f, 0.5f, 1f, 0f]);

        large.Save(path);

        ImageResult image = ImageResult.FromMemory(File.ReadAllBytes(path), ColorComponents.Grey);
        Assert.Equal((large.Width, large.Height), (image.Width, image.Height));
        Assert.Equal(large.ToPixels(), image.Data);
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Images_of_the_wrong_size_are_rejected()
    {
        var grid = new ImageGrid(8, 8, columns: 4);
        var ex = Assert.Throws<ArgumentException>(() => grid.Add(new float[63]));
        Assert.Contains("8 × 8 = 64", ex.Message);
        Assert.Throws<ArgumentException>(() => new ImageGrid(8, 8, columns: 4, low: 1f, high: 1f));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
