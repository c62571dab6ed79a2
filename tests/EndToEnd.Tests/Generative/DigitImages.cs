using System;
using System.IO;

namespace DslNet.EndToEnd.Tests.Generative;

/// <summary>The embedded 8×8 digits, pixels in [0, 1], split 80/20 with a fixed seed.</summary>
internal static class DigitImages
{
    public static (Dataset Training, Dataset Test) Load()
    {
        var all = CsvDataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"), 10, 1f / 16);
        return all.Split(0.8, seed: 42);
    }
}
