using System;
using System.Globalization;

namespace FashionMnistSample;

/// <summary>The sample's command line.</summary>
internal sealed record SampleOptions(string Config, int Epochs, int BatchSize, float LearningRate, int Seed, string? DataFolder, int Limit, bool Augment, int Threads)
{
    public const string Usage =
        "Usage: FashionMnist [--config w2|large (w2)] [--epochs N (10)] [--batch N (64)] [--lr X (0.001)] [--seed N (1)]\n" +
        "                    [--data FOLDER (Debian's /usr/share/datasets/fashion-mnist)] [--limit N (all 60,000)] [--augment]\n" +
        "                    [--threads N (1): split each batch over N threads]";

    public static SampleOptions? Parse(string[] args)
    {
        var options = new SampleOptions("w2", 10, 64, 1e-3f, 1, null, 0, false, 1);
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--config" when value is "w2" or "large": options = options with { Config = value }; i++; break;
                case "--epochs" when int.TryParse(value, out int epochs) && epochs > 0: options = options with { Epochs = epochs }; i++; break;
                case "--batch" when int.TryParse(value, out int batch) && batch > 0: options = options with { BatchSize = batch }; i++; break;
                case "--lr" when float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float lr) && lr > 0: options = options with { LearningRate = lr }; i++; break;
                case "--seed" when int.TryParse(value, out int seed): options = options with { Seed = seed }; i++; break;
                case "--data" when value is not null: options = options with { DataFolder = value }; i++; break;
                case "--limit" when int.TryParse(value, out int limit) && limit > 0: options = options with { Limit = limit }; i++; break;
                case "--threads" when int.TryParse(value, out int threads) && threads is > 0 and <= 64: options = options with { Threads = threads }; i++; break;
                case "--augment": options = options with { Augment = true }; break;
                case "--help" or "-h":
                    Console.WriteLine(Usage);
                    return null;
                default:
                    Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'.");
                    Console.Error.WriteLine(Usage);
                    return null;
            }
        }
        return options;
    }
}
