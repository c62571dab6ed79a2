using System;
using System.Globalization;
using System.IO;

namespace Digits;

/// <summary>The sample's command line: <c>--epochs N --batch N --lr X --seed N --data PATH</c>.</summary>
internal sealed record SampleOptions(int Epochs, int BatchSize, float LearningRate, int Seed, string DataPath)
{
    public static SampleOptions? Parse(string[] args)
    {
        var options = new SampleOptions(30, 32, 0.05f, 42, Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"));
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--epochs" when int.TryParse(value, out int epochs) && epochs > 0: options = options with { Epochs = epochs }; i++; break;
                case "--batch" when int.TryParse(value, out int batch) && batch > 0: options = options with { BatchSize = batch }; i++; break;
                case "--lr" when float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float lr) && lr > 0: options = options with { LearningRate = lr }; i++; break;
                case "--seed" when int.TryParse(value, out int seed): options = options with { Seed = seed }; i++; break;
                case "--data" when value is not null: options = options with { DataPath = value }; i++; break;
                default:
                    Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'.");
                    Console.Error.WriteLine("Usage: Digits [--epochs N (30)] [--batch N (32)] [--lr X (0.05)] [--seed N (42)] [--data digits.csv.gz]");
                    return null;
            }
        }
        return options;
    }
}
