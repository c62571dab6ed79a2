using System.CommandLine;
using System.IO;
using DslNet.Samples;

namespace ResNetSample;

/// <summary>The sample's command line.</summary>
internal sealed record SampleOptions(int Epochs, int BatchSize, float LearningRate, float WeightDecay, int Seed, string? DataFolder, int Limit, bool Augment, int Threads)
{
    /// <summary>The options, or null after printing the usage for --help (exit code 0) or what is wrong (exit code 1).</summary>
    public static SampleOptions? Parse(string[] args, out int exitCode, TextWriter? output = null, TextWriter? error = null)
    {
        var epochs = SampleCommandLine.Int("--epochs", 15, "Passes over the training images");
        var batch = SampleCommandLine.Int("--batch", 128, "Mini-batch size");
        var learningRate = SampleCommandLine.Positive("--lr", 2e-3f, "AdamW's peak learning rate, annealed to 1/50 of it along a cosine");
        var weightDecay = SampleCommandLine.Positive("--weight-decay", 5e-4f, "AdamW's decoupled weight decay (weights only)");
        var seed = SampleCommandLine.Seed(1, "Seeds the weights, the subset and the shuffling");
        var data = SampleCommandLine.Text("--data", null, "The folder of the Fashion-MNIST files [default: Debian's /usr/share/datasets/fashion-mnist]", "FOLDER");
        var limit = SampleCommandLine.OptionalInt("--limit", "Training images to use [default: all 60,000]");
        var noAugment = SampleCommandLine.Flag("--no-augment", "Train on the images as they are (by default: random horizontal flips and shifts of up to 2 px)");
        var threads = SampleCommandLine.Int("--threads", System.Math.Min(System.Environment.ProcessorCount, 8), "Split each batch over N threads (1..64) [default: the processor count, at most 8]");
        threads.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.GetValueOrDefault<int>() > 64) result.AddError($"--threads must be at most 64; got {result.GetValueOrDefault<int>()}.");
        });
        var command = new RootCommand("Trains a residual network with batch normalisation on Fashion-MNIST.") { epochs, batch, learningRate, weightDecay, seed, data, limit, noAugment, threads };
        return SampleCommandLine.Parse(command, args, result => new SampleOptions(
            result.GetValue(epochs), result.GetValue(batch), result.GetValue(learningRate), result.GetValue(weightDecay), result.GetValue(seed),
            result.GetValue(data), result.GetValue(limit) ?? 0, !result.GetValue(noAugment), result.GetValue(threads)), out exitCode, output, error);
    }
}
