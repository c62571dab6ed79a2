using System.CommandLine;
using System.IO;
using DslNet.Samples;

namespace FashionMnistSample;

/// <summary>The sample's command line.</summary>
internal sealed record SampleOptions(string Config, int Epochs, int BatchSize, float LearningRate, int Seed, string? DataFolder, int Limit, bool Augment, int Threads)
{
    /// <summary>The options, or null after printing the usage for --help (exit code 0) or what is wrong (exit code 1).</summary>
    public static SampleOptions? Parse(string[] args, out int exitCode, TextWriter? output = null, TextWriter? error = null)
    {
        var config = SampleCommandLine.Choice("--config", "w2", "The network: w2 (FashionCnn) or large (FashionCnnLarge)", "w2", "large");
        var epochs = SampleCommandLine.Int("--epochs", 10, "Passes over the training images");
        var batch = SampleCommandLine.Int("--batch", 64, "Mini-batch size");
        var learningRate = SampleCommandLine.Positive("--lr", 1e-3f, "Adam's learning rate");
        var seed = SampleCommandLine.Seed(1, "Seeds the weights, the subset and the shuffling");
        var data = SampleCommandLine.Text("--data", null, "The folder of the Fashion-MNIST files [default: Debian's /usr/share/datasets/fashion-mnist]", "FOLDER");
        var limit = SampleCommandLine.OptionalInt("--limit", "Training images to use [default: all 60,000]");
        var augment = SampleCommandLine.Flag("--augment", "Random horizontal flips and shifts of up to 2 px of the training images");
        var threads = SampleCommandLine.Int("--threads", 1, "Split each batch over N threads (1..64)");
        threads.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.GetValueOrDefault<int>() > 64) result.AddError($"--threads must be at most 64; got {result.GetValueOrDefault<int>()}.");
        });
        var command = new RootCommand("Trains a CNN on Fashion-MNIST.") { config, epochs, batch, learningRate, seed, data, limit, augment, threads };
        return SampleCommandLine.Parse(command, args, result => new SampleOptions(
            result.GetValue(config)!, result.GetValue(epochs), result.GetValue(batch), result.GetValue(learningRate), result.GetValue(seed),
            result.GetValue(data), result.GetValue(limit) ?? 0, result.GetValue(augment), result.GetValue(threads)), out exitCode, output, error);
    }
}
