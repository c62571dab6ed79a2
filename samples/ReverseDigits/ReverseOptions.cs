using DslNet.Samples;

namespace ReverseDigitsSample;

/// <summary>The sample's command line; <see cref="Usage"/> lists every option with its default.</summary>
internal sealed record ReverseOptions(int Length, int TrainingCount, int TestCount, int Epochs, int BatchSize, float LearningRate, int Examples, int Seed)
{
    public const string Usage =
        """
        Usage: ReverseDigits [options]
          --length N       digits per sequence, at least 2 (8)
          --train N        training sequences (10000)
          --test N         held-out test sequences, none of them in the training set (2000)
          --epochs N       passes over the training sequences (4)
          --batch N        sequences per mini-batch (64)
          --lr X           Adam's learning rate (0.003)
          --examples N     test sequences printed with their decoded reversal at the end (8)
          --seed N         seeds the sequences, the weights and the shuffling (42)
          --help           show this text
        """;

    /// <summary>The options, or null after printing what is wrong (exit code 2) or the usage for --help (exit code 0).</summary>
    public static ReverseOptions? Parse(string[] args, out int exitCode)
    {
        var options = new ReverseOptions(8, 10000, 2000, 4, 64, 0.003f, 8, 42);
        var line = new SampleCommandLine(args, Usage);
        while (line.Next(out string option))
        {
            options = option switch
            {
                "--length" => options with { Length = line.Int(minimum: 2) },
                "--train" => options with { TrainingCount = line.Int() },
                "--test" => options with { TestCount = line.Int() },
                "--epochs" => options with { Epochs = line.Int() },
                "--batch" => options with { BatchSize = line.Int() },
                "--lr" => options with { LearningRate = (float)line.Positive() },
                "--examples" => options with { Examples = line.Int(minimum: 0) },
                "--seed" => options with { Seed = line.Int(minimum: int.MinValue) },
                _ => line.Unknown(options),
            };
        }
        return line.Succeeded(out exitCode) ? options : null;
    }
}
