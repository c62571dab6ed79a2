using System.CommandLine;
using System.IO;
using DslNet.Samples;

namespace SegmentationSample;

/// <summary>The sample's command line: <c>--model plain|unet --epochs N --train N --test N --seed N</c>.</summary>
internal sealed record SampleOptions(string Model, int Epochs, int TrainingCount, int TestCount, int Seed)
{
    /// <summary>The options, or null after printing the usage for --help (exit code 0) or what is wrong (exit code 1).</summary>
    public static SampleOptions? Parse(string[] args, out int exitCode, TextWriter? output = null, TextWriter? error = null)
    {
        var model = SampleCommandLine.Choice("--model", "plain", "The network: plain (ShapeSegmenter, five convolutions) or unet (ShapeUNet, skips with Concatenate)", "plain", "unet");
        var epochs = SampleCommandLine.Int("--epochs", 15, "Passes over the training images");
        var train = SampleCommandLine.Int("--train", 2000, "Training images");
        var test = SampleCommandLine.Int("--test", 500, "Test images");
        var seed = SampleCommandLine.Seed(42, "Seeds the images, the weights and the shuffling");
        var command = new RootCommand("Trains a CNN to label the pixels of shapes in an image.") { model, epochs, train, test, seed };
        return SampleCommandLine.Parse(command, args, result => new SampleOptions(
            result.GetValue(model)!, result.GetValue(epochs), result.GetValue(train), result.GetValue(test), result.GetValue(seed)), out exitCode, output, error);
    }
}
