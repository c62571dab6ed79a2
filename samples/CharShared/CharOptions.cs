using System;
using System.CommandLine;
using System.IO;

namespace DslNet.Samples;

/// <summary>
/// The command line of the character language-model samples (CharLstm, CharTransformer); each passes its own
/// defaults, and <c>--help</c> lists every option with them. <paramref name="Cell"/> is the recurrent layer
/// (<c>lstm</c> or <c>gru</c>) of a sample that offers the choice (CharLstm); null for one that does not, which then
/// has no <c>--cell</c> option.
/// </summary>
internal sealed record CharOptions(
    int Epochs, int BatchSize, int TimeSteps, float LearningRate, double Temperature, int Length, string Prime, int? Limit, int Seed, string DataPath,
    string? Cell = null)
{
    /// <summary>tinyshakespeare.txt.gz in data/ next to the program, where the samples' projects copy it.</summary>
    public static string DefaultDataPath => Path.Combine(AppContext.BaseDirectory, "data", "tinyshakespeare.txt.gz");

    /// <summary>The options, or null after printing the usage for --help (exit code 0) or what is wrong (exit code 1).</summary>
    public static CharOptions? Parse(string[] args, string sample, CharOptions defaults, out int exitCode, TextWriter? output = null, TextWriter? error = null)
    {
        var epochs = SampleCommandLine.Int("--epochs", defaults.Epochs, "Passes over the training text");
        var batch = SampleCommandLine.Int("--batch", defaults.BatchSize, "Windows per mini-batch");
        var steps = SampleCommandLine.Int("--steps", defaults.TimeSteps, "Time steps per window: the context a prediction sees in training");
        var learningRate = SampleCommandLine.Positive("--lr", defaults.LearningRate, "Adam's learning rate");
        var temperature = SampleCommandLine.PositiveDouble("--temperature", defaults.Temperature, "Sampling temperature: below 1 plays safe, above 1 takes risks");
        var length = SampleCommandLine.Int("--length", defaults.Length, "Characters to generate at the end");
        var prime = SampleCommandLine.Text("--prime", defaults.Prime, "The text the generator starts from", "TEXT");
        var limit = SampleCommandLine.OptionalInt("--limit", $"Train on the first N characters only, for a quick run [default: {defaults.Limit?.ToString() ?? "all"}]");
        var seed = SampleCommandLine.Seed(defaults.Seed, "Seeds the weights, the shuffling and the sampling");
        var data = SampleCommandLine.Text("--data", defaults.DataPath, "tinyshakespeare.txt.gz", "PATH");
        var command = new RootCommand($"{sample}: a character-level language model on tiny Shakespeare.")
        {
            epochs, batch, steps, learningRate, temperature, length, prime, limit, seed, data,
        };
        var cell = defaults.Cell is null ? null : SampleCommandLine.Choice("--cell", defaults.Cell, "The recurrent layer: lstm or gru (PyTorch's GRU, same units)", "lstm", "gru");
        if (cell is not null) command.Options.Add(cell);
        return SampleCommandLine.Parse(command, args, result => new CharOptions(
            result.GetValue(epochs), result.GetValue(batch), result.GetValue(steps), result.GetValue(learningRate), result.GetValue(temperature),
            result.GetValue(length), result.GetValue(prime)!, result.GetValue(limit) ?? defaults.Limit, result.GetValue(seed), result.GetValue(data)!,
            cell is null ? null : result.GetValue(cell)),
            out exitCode, output, error);
    }
}
