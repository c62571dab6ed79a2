using System.CommandLine;
using System.IO;
using DslNet.Samples;

namespace ReverseDigitsSample;

/// <summary>The sample's command line; <c>--help</c> lists every option with its default.</summary>
internal sealed record ReverseOptions(int Length, int TrainingCount, int TestCount, int Epochs, int BatchSize, float LearningRate, int Examples, int Seed)
{
    /// <summary>The options, or null after printing the usage for --help (exit code 0) or what is wrong (exit code 1).</summary>
    public static ReverseOptions? Parse(string[] args, out int exitCode, TextWriter? output = null, TextWriter? error = null)
    {
        var length = SampleCommandLine.Int("--length", 8, "Digits per sequence", minimum: 2);
        var train = SampleCommandLine.Int("--train", 10000, "Training sequences");
        var test = SampleCommandLine.Int("--test", 2000, "Held-out test sequences, none of them in the training set");
        var epochs = SampleCommandLine.Int("--epochs", 4, "Passes over the training sequences");
        var batch = SampleCommandLine.Int("--batch", 64, "Sequences per mini-batch");
        var learningRate = SampleCommandLine.Positive("--lr", 0.003f, "Adam's learning rate");
        var examples = SampleCommandLine.Int("--examples", 8, "Test sequences printed with their decoded reversal at the end", minimum: 0);
        var seed = SampleCommandLine.Seed(42, "Seeds the sequences, the weights and the shuffling");
        var command = new RootCommand("Trains a transformer to reverse sequences of digits.") { length, train, test, epochs, batch, learningRate, examples, seed };
        return SampleCommandLine.Parse(command, args, result => new ReverseOptions(
            result.GetValue(length), result.GetValue(train), result.GetValue(test), result.GetValue(epochs), result.GetValue(batch),
            result.GetValue(learningRate), result.GetValue(examples), result.GetValue(seed)), out exitCode, output, error);
    }
}
