using System;
using System.IO;
using DslNet.Samples;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// How the samples load their data (samples/Shared/SampleData.cs): a missing, damaged or malformed file gives one line
/// naming the file and what to pass, never a stack trace; a bug in the program still throws.
/// </summary>
public sealed class SampleDataTests
{
    private const string Hint = "Pass --data <path to digits.csv.gz>.";

    private static (bool Loaded, string Error) Load(string path)
    {
        var error = new StringWriter();
        bool loaded = SampleData.TryLoad("the digits data", path, Hint, () => CsvDataset.LoadClassification(path, 10, 1f / 16), out var data, error);
        Assert.Equal(loaded, data is not null);
        return (loaded, error.ToString());
    }

    private static void AssertOneLine(string error, string path)
    {
        Assert.StartsWith($"Cannot load the digits data from '{path}': ", error);
        Assert.EndsWith(Hint + Environment.NewLine, error);
        Assert.Single(error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void The_real_file_loads_without_a_word()
    {
        var (loaded, error) = Load(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"));
        Assert.True(loaded);
        Assert.Equal("", error);
    }

    [Fact]
    public void A_missing_file_is_one_line()
    {
        string path = Path.Combine(Path.GetTempPath(), $"dslnet-missing-{Guid.NewGuid():N}.csv.gz");
        var (loaded, error) = Load(path);
        Assert.False(loaded);
        AssertOneLine(error, path);
    }

    [Theory]
    [InlineData("not gzip at all")]
    [InlineData("truncated")]
    public void A_damaged_file_is_one_line(string damage)
    {
        string path = Path.Combine(Path.GetTempPath(), $"dslnet-damaged-{Guid.NewGuid():N}.csv.gz");
        byte[] real = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"));
        File.WriteAllBytes(path, damage == "truncated" ? real[..(real.Length / 2)] : "1,2,3\n"u8.ToArray());
        try
        {
            var (loaded, error) = Load(path);
            Assert.False(loaded);
            AssertOneLine(error, path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_malformed_value_is_one_line_and_a_program_error_still_throws()
    {
        var error = new StringWriter();
        Assert.False(SampleData.TryLoad<int[]>("the numbers", "numbers.txt", "Fix the file.", () => throw new FormatException("'x' is not a number."), out _, error));
        Assert.Equal($"Cannot load the numbers from 'numbers.txt': 'x' is not a number. Fix the file.{Environment.NewLine}", error.ToString());
        Assert.Throws<InvalidOperationException>(() =>
            SampleData.TryLoad<int[]>("the numbers", "numbers.txt", "Fix the file.", () => throw new InvalidOperationException("a bug"), out _, error));
    }
}
