using System;
using System.IO;

namespace DslNet.Samples;

/// <summary>The images a generative sample learns from: the embedded 8×8 digits, or Fashion-MNIST when installed.</summary>
/// <param name="Name">What to call the data in the output.</param>
/// <param name="Training">Training images, pixels in [0, 1].</param>
/// <param name="Test">Held-out images, pixels in [0, 1].</param>
/// <param name="Height">Pixel rows per image.</param>
/// <param name="Width">Pixel columns per image.</param>
internal sealed record SampleImages(string Name, Dataset Training, Dataset Test, int Height, int Width)
{
    // Fashion-MNIST's 10,000 test images take long to evaluate every epoch; 2,000 give the same figure to ±1 %.
    private const int FashionTestImages = 2000;

    /// <summary>How many times a picture enlarges each pixel: 8×8 digits are too small to see otherwise.</summary>
    public int PictureScale => Height <= 8 ? 4 : 2;

    /// <summary>Loads the images the options name, or prints why it cannot and returns null.</summary>
    public static SampleImages? Load(GenerativeOptions options)
    {
        try
        {
            if (options.Fashion)
            {
                var (training, test) = FashionMnist.Load(options.DataPath);
                if (options.Limit > 0 && options.Limit < training.Count) (training, _) = training.Split((double)options.Limit / training.Count, options.Seed);
                (test, _) = test.Split((double)FashionTestImages / test.Count, options.Seed);
                return new SampleImages("Fashion-MNIST", training, test, FashionMnist.Height, FashionMnist.Width);
            }
            string path = options.DataPath ?? Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz");
            // 1,797 images of 64 pixels in 0..16, scaled to 0..1; the labels are not used.
            var all = CsvDataset.LoadClassification(path, classCount: 10, inputScale: 1f / 16);
            var (digitsTraining, digitsTest) = all.Split(0.8, seed: options.Seed);
            return new SampleImages("8×8 digits", digitsTraining, digitsTest, 8, 8);
        }
        catch (Exception e) when (SampleData.IsDataError(e))
        {
            // FashionMnist.Load's message for missing files already says what to install or pass.
            string hint = options.Fashion ? "" : " Pass --data <path to digits.csv.gz> (the repository has it in samples/data/).";
            Console.Error.WriteLine($"Cannot load {(options.Fashion ? "Fashion-MNIST" : "the digits data")}: {e.Message}{hint}");
            return null;
        }
    }

    /// <summary>An empty grid of <paramref name="columns"/> tiles for these images.</summary>
    public ImageGrid Grid(int columns) => new(Height, Width, columns, PictureScale);

    /// <summary>Saves <paramref name="count"/> held-out images in one row and their reconstructions in the row below, row pairs of 10.</summary>
    public void SaveReconstructions(string path, ImageTransform reconstruct, int count = 20)
    {
        int size = Height * Width;
        var originals = new float[count * size];
        for (int i = 0; i < count; i++) Test.Input(i).CopyTo(originals.AsSpan(i * size, size));
        var reconstructions = new float[originals.Length];
        reconstruct(originals, reconstructions, count);
        var grid = Grid(10);
        for (int start = 0; start < count; start += 10)
        {
            int row = Math.Min(10, count - start);
            grid.AddRange(originals.AsSpan(start * size, row * size));
            grid.AddRange(reconstructions.AsSpan(start * size, row * size));
        }
        grid.Save(path);
    }

    /// <summary>
    /// Saves rows that walk the latent space in <paramref name="steps"/> equal steps from the code of one held-out image
    /// to another's, decoding each point: a smooth row shows a latent space without holes between the data.
    /// </summary>
    public void SaveInterpolation(string path, int latentSize, ImageTransform encode, ImageTransform decode, int rows = 5, int steps = 10)
    {
        int size = Height * Width;
        var ends = new float[2 * rows * size];
        for (int i = 0; i < 2 * rows; i++) Test.Input(i * 7).CopyTo(ends.AsSpan(i * size, size));
        var codes = new float[2 * rows * latentSize];
        encode(ends, codes, 2 * rows);
        var walk = new float[rows * steps * latentSize];
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<float> from = codes.AsSpan(2 * row * latentSize, latentSize), to = codes.AsSpan((2 * row + 1) * latentSize, latentSize);
            for (int step = 0; step < steps; step++)
            {
                float t = step / (float)(steps - 1);
                for (int j = 0; j < latentSize; j++) walk[(row * steps + step) * latentSize + j] = (1 - t) * from[j] + t * to[j];
            }
        }
        var images = new float[rows * steps * size];
        decode(walk, images, rows * steps);
        var grid = Grid(steps);
        grid.AddRange(images);
        grid.Save(path);
    }
}

/// <summary>A batched map from one kind of row to another: encode, decode or reconstruct.</summary>
internal delegate void ImageTransform(ReadOnlySpan<float> input, Span<float> output, int batch);
