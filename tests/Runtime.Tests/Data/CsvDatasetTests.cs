using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using Xunit;

namespace DslNet.Tests;

public sealed class CsvDatasetTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dslnet-csv-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string DigitsPath => Path.Combine(TestData.RepositoryRoot, "samples", "data", "digits.csv.gz");

    [Fact]
    public void LoadsTheDigitsFile()
    {
        Dataset digits = CsvDataset.LoadClassification(DigitsPath, classCount: 10);

        Assert.Equal(1797, digits.Count);
        Assert.Equal(64, digits.InputSize);
        Assert.Equal(10, digits.TargetSize);
        var counts = new int[10];
        for (int i = 0; i < digits.Count; i++)
        {
            ReadOnlySpan<float> target = digits.Target(i);
            Assert.Equal(1f, target.ToArray().Sum());
            counts[target.IndexOf(1f)]++;
            foreach (float pixel in digits.Input(i)) Assert.InRange(pixel, 0f, 16f);
        }
        // Every digit is there, about 180 of each.
        Assert.All(counts, c => Assert.InRange(c, 170, 190));
        // The first row: 0,0,5,13,9,1,0,0,… label 0.
        Assert.Equal([0f, 0f, 5f, 13f, 9f, 1f, 0f, 0f], digits.Input(0)[..8].ToArray());
        Assert.Equal(0, digits.Target(0).IndexOf(1f));
    }

    [Fact]
    public void ScalesTheInputs()
    {
        Dataset digits = CsvDataset.LoadClassification(DigitsPath, classCount: 10, inputScale: 1f / 16);
        float max = 0;
        for (int i = 0; i < digits.Count; i++) max = Math.Max(max, System.Numerics.Tensors.TensorPrimitives.Max(digits.Input(i)));
        Assert.Equal(1f, max);
        Assert.Equal(5f / 16, digits.Input(0)[2]);
    }

    [Fact]
    public void LoadsPlainAndGzippedFilesAlikeAndSkipsBlankLines()
    {
        const string text = "0.5,1,2\n\n-1.5e1,3,0\n";
        string plain = Write("small.csv", text);
        string gzipped = Path.Combine(_directory, "small.csv.gz");
        using (var file = File.Create(gzipped))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        foreach (string path in new[] { plain, gzipped })
        {
            Dataset data = CsvDataset.LoadClassification(path, classCount: 3, inputScale: 2f);
            Assert.Equal(2, data.Count);
            Assert.Equal([1f, 2f], data.Input(0).ToArray());
            Assert.Equal([0f, 0f, 1f], data.Target(0).ToArray());
            Assert.Equal([-30f, 6f], data.Input(1).ToArray());
            Assert.Equal([1f, 0f, 0f], data.Target(1).ToArray());
        }
    }

    [Fact]
    public void ARaggedRowNamesTheFileTheLineAndTheColumnCounts()
    {
        string path = Write("ragged.csv", "1,2,0\n3,4,1\n5,1\n");
        var e = Assert.Throws<InvalidDataException>(() => CsvDataset.LoadClassification(path, 2));
        Assert.Contains("ragged.csv", e.Message);
        Assert.Contains("line 3", e.Message);
        Assert.Contains("expected 3 columns", e.Message);
        Assert.Contains("found 2", e.Message);
    }

    [Fact]
    public void ANonNumericCellNamesTheLineAndTheCell()
    {
        // The blank line still counts: the bad row is line 3.
        string path = Write("words.csv", "1,2,0\n\n3,abc,1\n");
        var e = Assert.Throws<InvalidDataException>(() => CsvDataset.LoadClassification(path, 2));
        Assert.Contains("words.csv", e.Message);
        Assert.Contains("line 3", e.Message);
        Assert.Contains("column 2", e.Message);
        Assert.Contains("'abc'", e.Message);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("x")]
    public void ABadLabelNamesTheLineAndTheRange(string label)
    {
        string path = Write("labels.csv", $"1,2,0\n3,4,{label}\n");
        var e = Assert.Throws<InvalidDataException>(() => CsvDataset.LoadClassification(path, 10));
        Assert.Contains("labels.csv", e.Message);
        Assert.Contains("line 2", e.Message);
        Assert.Contains("[0, 10)", e.Message);
        Assert.Contains($"'{label}'", e.Message);
    }

    [Fact]
    public void ANonFiniteFeatureIsRejected()
    {
        string path = Write("nan.csv", "1,NaN,0\n");
        var e = Assert.Throws<InvalidDataException>(() => CsvDataset.LoadClassification(path, 2));
        Assert.Contains("line 1", e.Message);
        Assert.Contains("finite number", e.Message);
    }

    [Fact]
    public void ASingleColumnIsRejected()
    {
        string path = Write("one.csv", "1\n0\n");
        var e = Assert.Throws<InvalidDataException>(() => CsvDataset.LoadClassification(path, 2));
        Assert.Contains("line 1", e.Message);
        Assert.Contains("at least 2 columns", e.Message);
    }

    [Fact]
    public void AnEmptyFileIsRejected()
    {
        string path = Write("empty.csv", "\n\n");
        var e = Assert.Throws<InvalidDataException>(() => CsvDataset.LoadClassification(path, 2));
        Assert.Contains("empty.csv", e.Message);
        Assert.Contains("no rows", e.Message);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        string path = Path.Combine(_directory, "absent.csv.gz");
        var e = Assert.Throws<FileNotFoundException>(() => CsvDataset.LoadClassification(path, 10));
        Assert.Equal(path, e.FileName);
        Assert.Contains("absent.csv.gz", e.Message);
    }

    [Fact]
    public void AFileThatIsNotGzipSaysSo()
    {
        string path = Write("fake.csv.gz", "1,2,0\n");
        var e = Assert.Throws<InvalidDataException>(() => CsvDataset.LoadClassification(path, 2));
        Assert.Contains("fake.csv.gz", e.Message);
        Assert.Contains("decompress", e.Message);
    }

    [Fact]
    public void RejectsFewerThanTwoClasses()
    {
        Assert.Throws<ArgumentException>(() => CsvDataset.LoadClassification(DigitsPath, 1));
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void ATruncatedGzipFileIsRefusedAsTruncatedNamingTheFile(double kept)
    {
        byte[] whole = File.ReadAllBytes(DigitsPath);
        string path = Path.Combine(_directory, "cut.csv.gz");
        File.WriteAllBytes(path, whole[..(int)(whole.Length * kept)]);

        var e = Assert.Throws<InvalidDataException>(() => CsvDataset.LoadClassification(path, classCount: 10));

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated or corrupt", e.Message);
        Assert.DoesNotContain("columns", e.Message);
    }

    [Fact]
    public void AGzipFileMissingOnlyItsTrailerIsRefused()
    {
        byte[] whole = File.ReadAllBytes(DigitsPath);
        string path = Path.Combine(_directory, "no-trailer.csv.gz");
        File.WriteAllBytes(path, whole[..^8]);

        var e = Assert.Throws<InvalidDataException>(() => CsvDataset.LoadClassification(path, classCount: 10));

        Assert.Contains("no-trailer.csv.gz", e.Message);
        Assert.Contains("truncated or corrupt", e.Message);
    }

    [Fact]
    public void AGzipFileWhoseChecksumDoesNotMatchIsRefused()
    {
        byte[] bytes = File.ReadAllBytes(DigitsPath);
        bytes[^8] ^= 0x01; // the trailer's CRC-32; the size after it still matches
        string path = Path.Combine(_directory, "bad-crc.csv.gz");
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<InvalidDataException>(() => CsvDataset.LoadClassification(path, classCount: 10));

        Assert.Contains("bad-crc.csv.gz", e.Message);
        Assert.Contains("truncated or corrupt", e.Message);
    }
}

