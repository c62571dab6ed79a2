using System;
using System.Globalization;
using System.IO;

namespace ClipsSample;

/// <summary>The sample's command line; <see cref="Usage"/> lists every option with its default.</summary>
internal sealed record SampleOptions(
    int Epochs, int TrainingCount, int TestCount, int Frames, int MinFrames, float LearningRate, bool Baseline, int Seed, string DataPath)
{
    public const string Usage =
        """
        Usage: Clips [options]
          --epochs N        passes over the training clips (8)
          --train N         training clips (3000)
          --test N          test clips, made from held-out digit images (1000)
          --frames N        frames per clip, 2..21; above 11 every digit moves 1 px per frame (10)
          --min-frames N    shortest clip: each clip gets a length in [N, frames], padded to frames;
                            N = frames gives clips of one fixed length (6)
          --lr X            Adam's learning rate (0.003)
          --no-baseline     skip the single-frame baseline
          --seed N          seeds the digit split, the clips, the weights and the shuffling (42)
          --data PATH       the digits data set (data/digits.csv.gz next to the program)
          --help            show this text
        """;

    /// <summary>The options, or null after printing what is wrong (exit code 2) or the usage for --help (exit code 0).</summary>
    public static SampleOptions? Parse(string[] args, out int exitCode)
    {
        exitCode = 0;
        var options = new SampleOptions(8, 3000, 1000, 10, 6, 0.003f, true, 42, Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"));
        bool minFramesGiven = false;
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--help" or "-h":
                    Console.WriteLine(Usage);
                    return null;
                case "--epochs" when Positive(value, out int epochs): options = options with { Epochs = epochs }; i++; break;
                case "--train" when Positive(value, out int count): options = options with { TrainingCount = count }; i++; break;
                case "--test" when Positive(value, out int count): options = options with { TestCount = count }; i++; break;
                case "--frames" when Positive(value, out int frames) && frames >= 2: options = options with { Frames = frames }; i++; break;
                case "--min-frames" when Positive(value, out int frames) && frames >= 2: options = options with { MinFrames = frames }; minFramesGiven = true; i++; break;
                case "--lr" when float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float lr) && lr > 0 && float.IsFinite(lr):
                    options = options with { LearningRate = lr };
                    i++;
                    break;
                case "--no-baseline": options = options with { Baseline = false }; break;
                case "--seed" when int.TryParse(value, out int seed): options = options with { Seed = seed }; i++; break;
                case "--data" when value is not null: options = options with { DataPath = value }; i++; break;
                default:
                    Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'.");
                    Console.Error.WriteLine(Usage);
                    exitCode = 2;
                    return null;
            }
        }
        // Shorter --frames without --min-frames: keep the clips variable only if there is room below.
        if (!minFramesGiven) options = options with { MinFrames = Math.Min(options.MinFrames, options.Frames) };
        if (options.MinFrames > options.Frames)
        {
            Console.Error.WriteLine($"--min-frames {options.MinFrames} is above --frames {options.Frames}.");
            exitCode = 2;
            return null;
        }
        return options;
    }

    private static bool Positive(string? text, out int value) => int.TryParse(text, out value) && value > 0;
}
