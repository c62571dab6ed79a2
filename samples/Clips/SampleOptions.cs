using System;
using System.CommandLine;
using System.IO;
using DslNet.Samples;

namespace ClipsSample;

/// <summary>The sample's command line; <c>--help</c> lists every option with its default.</summary>
internal sealed record SampleOptions(
    int Epochs, int TrainingCount, int TestCount, int Frames, int MinFrames, float LearningRate, bool Baseline, int Seed, string DataPath)
{
    /// <summary>The options, or null after printing the usage for --help (exit code 0) or what is wrong (exit code 1).</summary>
    public static SampleOptions? Parse(string[] args, out int exitCode, TextWriter? output = null, TextWriter? error = null)
    {
        var epochs = SampleCommandLine.Int("--epochs", 8, "Passes over the training clips");
        var train = SampleCommandLine.Int("--train", 3000, "Training clips");
        var test = SampleCommandLine.Int("--test", 1000, "Test clips, made from held-out digit images");
        var frames = SampleCommandLine.Int("--frames", 10, "Frames per clip, 2..21; above 11 every digit moves 1 px per frame", minimum: 2);
        var minFrames = SampleCommandLine.OptionalInt("--min-frames",
            "Shortest clip: each clip gets a length in [N, frames], padded to frames; N = frames gives clips of one fixed length [default: 6, or frames if fewer]", minimum: 2);
        var learningRate = SampleCommandLine.Positive("--lr", 0.003f, "Adam's learning rate");
        var noBaseline = SampleCommandLine.Flag("--no-baseline", "Skip the single-frame baseline");
        var seed = SampleCommandLine.Seed(42, "Seeds the digit split, the clips, the weights and the shuffling");
        var data = SampleCommandLine.Text("--data", Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"), "The digits data set", "PATH");
        var command = new RootCommand("Classifies clips of moving digits with a recurrent network.")
        {
            epochs, train, test, frames, minFrames, learningRate, noBaseline, seed, data,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(minFrames) is int shortest && shortest > result.GetValue(frames))
                result.AddError($"--min-frames {shortest} is above --frames {result.GetValue(frames)}; it must be at most the clip length.");
        });
        // Shorter --frames without --min-frames: keep the clips variable only if there is room below.
        return SampleCommandLine.Parse(command, args, result => new SampleOptions(
            result.GetValue(epochs), result.GetValue(train), result.GetValue(test), result.GetValue(frames),
            result.GetValue(minFrames) ?? Math.Min(6, result.GetValue(frames)), result.GetValue(learningRate), !result.GetValue(noBaseline),
            result.GetValue(seed), result.GetValue(data)!), out exitCode, output, error);
    }
}
