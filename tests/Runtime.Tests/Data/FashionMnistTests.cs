using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace DslNet.Tests;

public sealed class FashionMnistTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dslnet-fashion-").FullName;
    private readonly ITestOutputHelper _output;

    public FashionMnistTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void NamesTheTenClasses()
    {
        Assert.Equal(FashionMnist.ClassCount, FashionMnist.ClassNames.Count);
        Assert.Equal(
            ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
            FashionMnist.ClassNames);
    }

    [Fact]
    public void MissingFilesSayWhatToInstallWhichFolderToPassAndWhatIsExpected()
    {
        Assert.False(FashionMnist.IsAvailable(_directory));
        var e = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(_directory));

        Assert.Contains(_directory, e.Message);
        Assert.Contains("sudo apt-get install dataset-fashion-mnist", e.Message);
        Assert.Contains("--data <folder>", e.Message);
        foreach (string name in FashionMnist.FileNames) Assert.Contains(name, e.Message);
        Assert.Equal(Path.Combine(_directory, "train-images-idx3-ubyte.gz"), e.FileName);
    }

    [Fact]
    public void OnlyTheMissingFilesAreReportedAsNotFound()
    {
        WriteFakeFiles(_directory, imageSize: 2);
        File.Delete(Path.Combine(_directory, "t10k-labels-idx1-ubyte"));

        var e = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(_directory));
        Assert.Contains("t10k-labels-idx1-ubyte.gz not found", e.Message);
        Assert.Equal(Path.Combine(_directory, "t10k-labels-idx1-ubyte.gz"), e.FileName);
    }

    [Fact]
    public void TheDefaultFolderIsDebiansAndItsMessageSaysSo()
    {
        Assert.Equal("/usr/share/datasets/fashion-mnist", FashionMnist.DefaultFolder);
        if (FashionMnist.IsAvailable())
        {
            _output.WriteLine("Fashion-MNIST is installed, so the default folder's missing-file message cannot be shown here.");
            return;
        }
        var e = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load());
        Assert.Contains("the default folder /usr/share/datasets/fashion-mnist", e.Message);
        Assert.Contains("sudo apt-get install dataset-fashion-mnist", e.Message);
        Assert.Contains("--data", e.Message);
    }

    // Gzipped and uncompressed files may be mixed in one folder.
    [Fact]
    public void LoadsGzippedAndPlainFilesFromAFolder()
    {
        WriteFakeFiles(_directory, imageSize: 3);
        Assert.True(FashionMnist.IsAvailable(_directory));

        (Dataset training, Dataset test) = FashionMnist.Load(_directory);

        Assert.Equal(20, training.Count);
        Assert.Equal(10, test.Count);
        Assert.Equal(9, training.InputSize);
        Assert.Equal(10, training.TargetSize);
        Assert.Equal(10, test.TargetSize);
        for (int i = 0; i < training.Count; i++) Assert.Equal(i % 10, training.Target(i).IndexOf(1f));
        for (int i = 0; i < test.Count; i++) Assert.Equal(9 - i, test.Target(i).IndexOf(1f));
        Assert.Equal(0f, training.Input(0)[0]); // the seeded pixels start at 0 and end at 255
        Assert.Equal(1f, training.Input(19)[8]);
    }

    [Fact]
    public void TrainingAndTestImagesOfDifferentSizesAreRejected()
    {
        WriteFakeFiles(_directory, imageSize: 3);
        IdxTestFiles.Write(Path.Combine(_directory, "t10k-images-idx3-ubyte.gz"), IdxTestFiles.Images(10, 2, 2, new byte[40]), gzip: true);

        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(_directory));
        Assert.Contains("9 pixels", e.Message);
        Assert.Contains("4", e.Message);
    }

    // Runs only where the Debian package is installed; elsewhere it returns early with a note.
    [Fact]
    public void LoadsTheRealDataSetWhenInstalled()
    {
        if (!FashionMnist.IsAvailable())
        {
            _output.WriteLine($"Fashion-MNIST is not in {FashionMnist.DefaultFolder} (apt-get install dataset-fashion-mnist); nothing to check.");
            return;
        }
        var clock = Stopwatch.StartNew();
        (Dataset training, Dataset test) = FashionMnist.Load();
        _output.WriteLine($"Loaded Fashion-MNIST in {clock.ElapsedMilliseconds} ms.");

        Assert.Equal(FashionMnist.TrainingCount, training.Count);
        Assert.Equal(FashionMnist.TestCount, test.Count);
        foreach (Dataset data in new[] { training, test })
        {
            Assert.Equal(28 * 28, data.InputSize);
            Assert.Equal(10, data.TargetSize);
            var perClass = new int[10];
            float low = float.MaxValue, high = float.MinValue;
            for (int i = 0; i < data.Count; i++)
            {
                ReadOnlySpan<float> target = data.Target(i);
                Assert.Equal(1f, target.ToArray().Sum());
                perClass[target.IndexOf(1f)]++;
                low = Math.Min(low, System.Numerics.Tensors.TensorPrimitives.Min(data.Input(i)));
                high = Math.Max(high, System.Numerics.Tensors.TensorPrimitives.Max(data.Input(i)));
            }
            // The official split is balanced: 6,000 training and 1,000 test images per class.
            Assert.All(perClass, c => Assert.Equal(data.Count / 10, c));
            Assert.Equal(0f, low);
            Assert.Equal(1f, high);
        }
        // The first training image is an ankle boot (label 9), as in every Fashion-MNIST reader.
        Assert.Equal(9, training.Target(0).IndexOf(1f));
    }

    /// <summary>
    /// Writes the four files with tiny images: 20 training and 10 test images, labels cycling through the classes;
    /// the label files without .gz, the image files gzipped.
    /// </summary>
    private static void WriteFakeFiles(string folder, int imageSize)
    {
        int pixels = imageSize * imageSize;
        IdxTestFiles.Write(Path.Combine(folder, "train-images-idx3-ubyte.gz"),
            IdxTestFiles.Images(20, imageSize, imageSize, IdxTestFiles.Pixels(20 * pixels, seed: 6)), gzip: true);
        IdxTestFiles.Write(Path.Combine(folder, "train-labels-idx1-ubyte"),
            IdxTestFiles.Labels(Enumerable.Range(0, 20).Select(i => (byte)(i % 10)).ToArray()), gzip: false);
        IdxTestFiles.Write(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"),
            IdxTestFiles.Images(10, imageSize, imageSize, IdxTestFiles.Pixels(10 * pixels, seed: 7)), gzip: true);
        IdxTestFiles.Write(Path.Combine(folder, "t10k-labels-idx1-ubyte"),
            IdxTestFiles.Labels(Enumerable.Range(0, 10).Select(i => (byte)(9 - i)).ToArray()), gzip: false);
    }
}
