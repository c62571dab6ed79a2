using System;
using System.IO;
using System.Linq;
using Xunit;

namespace DslNet.Tests;

public sealed class IdxReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dslnet-idx-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private string Write(string name, byte[] bytes, bool gzip = false) => IdxTestFiles.Write(PathOf(name), bytes, gzip);

    // Gzip is recognised by its magic bytes, so the name's extension must not matter either way.
    [Theory]
    [InlineData(false, "images-idx3-ubyte")]
    [InlineData(true, "images-idx3-ubyte.gz")]
    [InlineData(true, "images-without-extension")]
    [InlineData(false, "plain-despite-name.gz")]
    public void ReadsImagesBackExactlyPlainOrGzipped(bool gzip, string name)
    {
        byte[] pixels = IdxTestFiles.Pixels(3 * 4 * 5, seed: 1);
        string path = Write(name, IdxTestFiles.Images(3, 4, 5, pixels), gzip);

        IdxImages images = IdxReader.ReadImages(path);

        Assert.Equal(3, images.Count);
        Assert.Equal(1, images.Channels);
        Assert.Equal(4, images.Height);
        Assert.Equal(5, images.Width);
        Assert.Equal(20, images.ImageSize);
        Assert.Equal(pixels.Select(p => p * (1f / 255)).ToArray(), images.Pixels);
        Assert.Equal(0f, images.Pixels[0]);
        Assert.Equal(1f, images.Pixels[^1]);
        // Row-major [batch, 1, height, width]: image 2, row 3, column 1.
        Assert.Equal(pixels[2 * 20 + 3 * 5 + 1] / 255f, images.Image(2)[3 * 5 + 1], 6);
        Assert.Throws<ArgumentOutOfRangeException>(() => images.Image(3));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsLabelsBackExactly(bool gzip)
    {
        byte[] labels = [0, 9, 3, 255, 7];
        string path = Write(gzip ? "labels.gz" : "labels", IdxTestFiles.Labels(labels), gzip);

        Assert.Equal(labels.Select(l => (int)l).ToArray(), IdxReader.ReadLabels(path));
    }

    [Fact]
    public void ScalesPixelsByTheGivenFactor()
    {
        byte[] pixels = [0, 1, 128, 255];
        string path = Write("images", IdxTestFiles.Images(1, 2, 2, pixels));

        Assert.Equal([0f, 1f, 128f, 255f], IdxReader.ReadImages(path, scale: 1f).Pixels);
        Assert.Equal([0f, 0.5f, 64f, 127.5f], IdxReader.ReadImages(path, scale: 0.5f).Pixels);
        Assert.Throws<ArgumentException>(() => IdxReader.ReadImages(path, scale: float.NaN));
    }

    // More bytes than one read chunk, so the streaming loop runs several times and ends on a partial chunk.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsFilesLargerThanOneChunk(bool gzip)
    {
        byte[] pixels = IdxTestFiles.Pixels(150 * 28 * 28, seed: 2);
        string path = Write("many.gz", IdxTestFiles.Images(150, 28, 28, pixels), gzip);

        IdxImages images = IdxReader.ReadImages(path, scale: 1f);

        Assert.Equal(150, images.Count);
        Assert.Equal(pixels.Select(p => (float)p).ToArray(), images.Pixels);
    }

    [Fact]
    public void BuildsAClassificationDatasetFromImagesAndLabels()
    {
        byte[] pixels = IdxTestFiles.Pixels(3 * 2 * 2, seed: 3);
        string images = Write("images.gz", IdxTestFiles.Images(3, 2, 2, pixels), gzip: true);
        string labels = Write("labels", IdxTestFiles.Labels([2, 0, 1]));

        Dataset data = IdxReader.LoadClassification(images, labels, classCount: 3);

        Assert.Equal(3, data.Count);
        Assert.Equal(4, data.InputSize);
        Assert.Equal(3, data.TargetSize);
        Assert.Equal(pixels[4..8].Select(p => p * (1f / 255)).ToArray(), data.Input(1).ToArray());
        Assert.Equal([0f, 0f, 1f], data.Target(0).ToArray());
        Assert.Equal([1f, 0f, 0f], data.Target(1).ToArray());
        Assert.Equal([0f, 1f, 0f], data.Target(2).ToArray());
    }

    [Fact]
    public void AWrongMagicNumberNamesTheFileTheExpectedAndTheFoundNumbers()
    {
        string text = Write("notes.txt", "hello, world"u8.ToArray());
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(text));
        Assert.Contains("notes.txt", e.Message);
        Assert.Contains("wrong magic number", e.Message);
        Assert.Contains("0x00000803", e.Message);
        Assert.Contains("0x68656C6C", e.Message); // "hell"
        Assert.Contains("not an IDX header", e.Message);
    }

    [Fact]
    public void ALabelFileReadAsImagesAndTheReverseSaySo()
    {
        string labels = Write("labels", IdxTestFiles.Labels([1, 2]));
        string images = Write("images", IdxTestFiles.Images(1, 1, 1, [0]));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(labels));
        Assert.Contains(labels, e.Message);
        Assert.Contains("expected an IDX file of images (magic 0x00000803", e.Message);
        Assert.Contains("found 0x00000801 (1-D, as in a label file)", e.Message);

        e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(images));
        Assert.Contains(images, e.Message);
        Assert.Contains("expected an IDX file of labels (magic 0x00000801", e.Message);
        Assert.Contains("found 0x00000803 (3-D, as in an image file)", e.Message);
    }

    [Fact]
    public void AnUnsupportedDataTypeIsNamed()
    {
        string floats = Write("floats", IdxTestFiles.Bytes(0x00000D03, [1, 1, 1], new byte[4]));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(floats));
        Assert.Contains("floats", e.Message);
        Assert.Contains("unsupported data type", e.Message);
        Assert.Contains("0x0D (float32)", e.Message);
        Assert.Contains("only unsigned bytes (0x08)", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ATruncatedImageFileSaysHowMuchWasPromisedAndFound(bool gzip)
    {
        byte[] whole = IdxTestFiles.Images(3, 2, 2, IdxTestFiles.Pixels(12, seed: 4));
        string path = Write("short.gz", whole[..^5], gzip); // 7 of 12 pixel bytes

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains("short.gz", e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("promises 3 images of 2×2 (12 bytes after the header)", e.Message);
        Assert.Contains("ends after 7 bytes (1 whole images)", e.Message);
    }

    // An uncompressed file's size is checked before the promised 3 GB of floats would be allocated.
    [Fact]
    public void AHeaderPromisingFarMoreThanAPlainFileHoldsFailsAtOnce()
    {
        string path = Write("huge-header", IdxTestFiles.Images(1_000_000, 28, 28, new byte[10]));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains("huge-header", e.Message);
        Assert.Contains("promises 1000000 images of 28×28 (784000000 bytes after the header), but the data ends after 10 bytes (0 whole images)", e.Message);
    }

    [Fact]
    public void ATruncatedLabelFileOrHeaderIsReported()
    {
        string labels = Write("labels", IdxTestFiles.Labels([1, 2, 3, 4])[..^1]);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(labels));
        Assert.Contains("labels", e.Message);
        Assert.Contains("promises 4 labels", e.Message);
        Assert.Contains("ends after 3 bytes", e.Message);

        string header = Write("header", IdxTestFiles.Images(1, 1, 1, [0])[..10]);
        e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(header));
        Assert.Contains("header", e.Message);
        Assert.Contains("truncated: it ends after 10 bytes, inside the header of 16 bytes", e.Message);

        string empty = Write("empty", []);
        e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(empty));
        Assert.Contains("ends after 0 bytes, inside the 4-byte magic number", e.Message);
    }

    [Fact]
    public void DataBeyondWhatTheHeaderPromisesIsAnError()
    {
        byte[] bytes = [.. IdxTestFiles.Images(1, 2, 2, [1, 2, 3, 4]), 5];
        string path = Write("long", bytes, gzip: true);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains("long", e.Message);
        Assert.Contains("promises 1 images of 2×2 (4 bytes after the header), but more data follows", e.Message);
    }

    [Fact]
    public void MismatchedImageAndLabelCountsNameBothFiles()
    {
        string images = Write("images", IdxTestFiles.Images(3, 1, 2, new byte[6]));
        string labels = Write("labels", IdxTestFiles.Labels([0, 1]));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.LoadClassification(images, labels, classCount: 2));
        Assert.Equal($"{images} holds 3 images but {labels} holds 2 labels; expected one label per image.", e.Message);
    }

    [Fact]
    public void ALabelOutsideTheClassesIsNamed()
    {
        string images = Write("images", IdxTestFiles.Images(3, 1, 1, new byte[3]));
        string labels = Write("labels", IdxTestFiles.Labels([9, 10, 0]));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.LoadClassification(images, labels, classCount: 10));
        Assert.Contains(labels, e.Message);
        Assert.Contains("label 1 is 10, outside the classes [0, 10)", e.Message);

        e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(labels, classCount: 10));
        Assert.Contains("label 1 is 10", e.Message);
        Assert.Equal([9, 10, 0], IdxReader.ReadLabels(labels, classCount: 11));
    }

    [Fact]
    public void EmptyOrZeroSizedImagesAreRejected()
    {
        string none = Write("none", IdxTestFiles.Images(0, 2, 2, []));
        string noLabels = Write("no-labels", IdxTestFiles.Labels([]));
        Assert.Equal(0, IdxReader.ReadImages(none).Count);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.LoadClassification(none, noLabels, classCount: 2));
        Assert.Contains("none: the file holds no images", e.Message);

        string flat = Write("flat", IdxTestFiles.Images(2, 0, 3, []));
        e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(flat));
        Assert.Contains("images of 0×3 pixels", e.Message);
    }

    [Fact]
    public void CorruptGzipDataNamesTheFile()
    {
        byte[] gzip = File.ReadAllBytes(Write("good.gz", IdxTestFiles.Images(4, 8, 8, IdxTestFiles.Pixels(256, seed: 5)), gzip: true));
        for (int i = 12; i < gzip.Length - 8; i++) gzip[i] ^= 0x5A;
        string path = Write("corrupt.gz", gzip);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains("corrupt.gz", e.Message);
    }

    [Fact]
    public void AMissingFileIsAFileNotFoundException()
    {
        string path = PathOf("absent-idx3-ubyte.gz");
        var e = Assert.Throws<FileNotFoundException>(() => IdxReader.ReadImages(path));
        Assert.Equal(path, e.FileName);
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void ATruncatedGzipFileIsRefusedAsTruncatedNamingTheFile(double kept)
    {
        byte[] gzip = File.ReadAllBytes(Write("whole.gz", IdxTestFiles.Images(150, 28, 28, IdxTestFiles.Pixels(150 * 28 * 28, seed: 3)), gzip: true));
        string path = Write("cut.gz", gzip[..(int)(gzip.Length * kept)]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated or corrupt", e.Message);
    }

    [Fact]
    public void AGzipFileMissingOnlyItsTrailerIsRefused()
    {
        byte[] gzip = File.ReadAllBytes(Write("whole.gz", IdxTestFiles.Labels([1, 2, 3, 4]), gzip: true));
        string path = Write("no-trailer.gz", gzip[..^8]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path, classCount: 10));

        Assert.Contains("no-trailer.gz", e.Message);
        Assert.Contains("truncated or corrupt", e.Message);
    }
}

