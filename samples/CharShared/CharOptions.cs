using System;
using System.Globalization;
using System.IO;

namespace DslNet.Samples;

/// <summary>
/// The command line of the character language-model samples (CharLstm, CharTransformer); each passes its own
/// defaults, and <see cref="Usage"/> lists every option with them.
/// </summary>
internal sealed record CharOptions(
    int Epochs, int BatchSize, int TimeSteps, float LearningRate, double Temperature, int Length, string Prime, int? Limit, int Seed, string DataPath)
{
    /// <summary>tinyshakespeare.txt.gz in data/ next to the program, where the samples' projects copy it.</summary>
    public static string DefaultDataPath => Path.Combine(AppContext.BaseDirectory, "data", "tinyshakespeare.txt.gz");

    /// <summary>The usage text of <paramref name="sample"/>, with its defaults.</summary>
    public static string Usage(string sample, CharOptions defaults) =>
        $"""
        Usage: {sample} [options]
          --epochs N          passes over the training text ({defaults.Epochs})
          --batch N           windows per mini-batch ({defaults.BatchSize})
          --steps N           time steps per window: the context a prediction sees in training ({defaults.TimeSteps})
          --lr X              Adam's learning rate ({defaults.LearningRate.ToString(CultureInfo.InvariantCulture)})
          --temperature X     sampling temperature: below 1 plays safe, above 1 takes risks ({defaults.Temperature.ToString(CultureInfo.InvariantCulture)})
          --length N          characters to generate at the end ({defaults.Length})
          --prime TEXT        the text the generator starts from ("{defaults.Prime}")
          --limit N           train on the first N characters only, for a quick run ({defaults.Limit?.ToString() ?? "all"})
          --seed N            seeds the weights, the shuffling and the sampling ({defaults.Seed})
          --data PATH         tinyshakespeare.txt.gz (data/ next to the program)
          --help              show this text
        """;

    /// <summary>The options, or null after printing what is wrong (exit code 2) or the usage for --help (exit code 0).</summary>
    public static CharOptions? Parse(string[] args, string sample, CharOptions defaults, out int exitCode)
    {
        var options = defaults;
        var line = new SampleCommandLine(args, Usage(sample, defaults));
        while (line.Next(out string option))
        {
            options = option switch
            {
                "--epochs" => options with { Epochs = line.Int() },
                "--batch" => options with { BatchSize = line.Int() },
                "--steps" => options with { TimeSteps = line.Int() },
                "--lr" => options with { LearningRate = (float)line.Positive() },
                "--temperature" => options with { Temperature = line.Positive() },
                "--length" => options with { Length = line.Int() },
                "--prime" => options with { Prime = line.Text() },
                "--limit" => options with { Limit = line.Int() },
                "--seed" => options with { Seed = line.Int(minimum: int.MinValue) },
                "--data" => options with { DataPath = line.Text() },
                _ => line.Unknown(options),
            };
        }
        return line.Succeeded(out exitCode) ? options : null;
    }
}
