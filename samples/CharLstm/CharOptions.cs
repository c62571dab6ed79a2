using System;
using System.Globalization;
using System.IO;

namespace CharLstmSample;

/// <summary>The sample's command line; <see cref="Usage"/> lists every option with its default.</summary>
internal sealed record CharOptions(
    int Epochs, int BatchSize, int TimeSteps, float LearningRate, double Temperature, int Length, string Prime, int? Limit, int Seed, string DataPath)
{
    public const string Usage =
        """
        Usage: CharLstm [options]
          --epochs N          passes over the training text (6)
          --batch N           windows per mini-batch (32)
          --steps N           time steps per window, the length of backpropagation through time (64)
          --lr X              Adam's learning rate (0.002)
          --temperature X     sampling temperature: below 1 plays safe, above 1 takes risks (0.8)
          --length N          characters to generate at the end (600)
          --prime TEXT        the text the generator starts from ("ROMEO:")
          --limit N           train on the first N characters only, for a quick run (all)
          --seed N            seeds the weights, the shuffling and the sampling (42)
          --data PATH         tinyshakespeare.txt.gz (data/ next to the program)
          --help              show this text
        """;

    /// <summary>The options, or null after printing what is wrong (exit code 2) or the usage for --help (exit code 0).</summary>
    public static CharOptions? Parse(string[] args, out int exitCode)
    {
        exitCode = 0;
        var options = new CharOptions(6, 32, 64, 0.002f, 0.8, 600, "ROMEO:", null, 42, Path.Combine(AppContext.BaseDirectory, "data", "tinyshakespeare.txt.gz"));
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--help" or "-h":
                    Console.WriteLine(Usage);
                    return null;
                case "--epochs" when Positive(value, out int epochs): options = options with { Epochs = epochs }; i++; break;
                case "--batch" when Positive(value, out int batch): options = options with { BatchSize = batch }; i++; break;
                case "--steps" when Positive(value, out int steps): options = options with { TimeSteps = steps }; i++; break;
                case "--lr" when float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float lr) && lr > 0: options = options with { LearningRate = lr }; i++; break;
                case "--temperature" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double temperature) && temperature > 0:
                    options = options with { Temperature = temperature };
                    i++;
                    break;
                case "--length" when Positive(value, out int length): options = options with { Length = length }; i++; break;
                case "--prime" when !string.IsNullOrEmpty(value): options = options with { Prime = value }; i++; break;
                case "--limit" when Positive(value, out int limit): options = options with { Limit = limit }; i++; break;
                case "--seed" when int.TryParse(value, out int seed): options = options with { Seed = seed }; i++; break;
                case "--data" when value is not null: options = options with { DataPath = value }; i++; break;
                default:
                    Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'.");
                    Console.Error.WriteLine(Usage);
                    exitCode = 2;
                    return null;
            }
        }
        return options;
    }

    private static bool Positive(string? text, out int value) => int.TryParse(text, out value) && value > 0;
}
