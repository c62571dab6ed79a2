using System.CommandLine;
using System.IO;
using DslNet.Samples;

namespace LongMemorySample;

/// <summary>The sample's command line; <c>--help</c> lists every option with its default.</summary>
internal sealed record SampleOptions(int TimeSteps, int Epochs, int Seed, bool Residual = false)
{
    /// <summary>The options, or null after printing the usage for --help (exit code 0) or what is wrong (exit code 1).</summary>
    public static SampleOptions? Parse(string[] args, out int exitCode, TextWriter? output = null, TextWriter? error = null)
    {
        var steps = SampleCommandLine.Int("--steps", 40, "Time steps per sequence: how far back the marked symbol lies", minimum: 2);
        var epochs = SampleCommandLine.Int("--epochs", 15, "Passes over the training sequences");
        var seed = SampleCommandLine.Seed(7, "Seeds the sequences, the weights and the shuffling");
        var residual = SampleCommandLine.Flag("--residual", "Also train three stacked Lstm layers, plain and with residual connections around the first two");
        var command = new RootCommand("Recall a marked symbol after many more: a SimpleRnn against an Lstm and a Gru.") { steps, epochs, seed, residual };
        return SampleCommandLine.Parse(command, args,
            result => new SampleOptions(result.GetValue(steps), result.GetValue(epochs), result.GetValue(seed), result.GetValue(residual)),
            out exitCode, output, error);
    }
}
