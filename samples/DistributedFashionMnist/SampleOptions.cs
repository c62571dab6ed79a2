using System.CommandLine;
using System.IO;
using DslNet.Samples;

namespace DistributedFashionMnistSample;

/// <summary>The sample's command line.</summary>
internal sealed record SampleOptions(int Epochs, int GlobalBatch, float LearningRate, int Seed, string? DataFolder, int Limit, int Threads, string? Checkpoint)
{
    /// <summary>The options, or null after printing the usage for --help (exit code 0) or what is wrong (exit code 1).</summary>
    public static SampleOptions? Parse(string[] args, out int exitCode, TextWriter? output = null, TextWriter? error = null)
    {
        var epochs = SampleCommandLine.Int("--epochs", 10, "Passes over the training images");
        var batch = SampleCommandLine.Int("--batch", 64, "The global mini-batch, split evenly between the ranks (each takes batch / ranks)");
        var learningRate = SampleCommandLine.Positive("--lr", 1e-3f, "Adam's learning rate");
        var seed = SampleCommandLine.Seed(1, "Seeds the weights, the subset and the shuffling");
        var data = SampleCommandLine.Text("--data", null, "The folder of the Fashion-MNIST files on every machine [default: Debian's /usr/share/datasets/fashion-mnist]", "FOLDER");
        var limit = SampleCommandLine.OptionalInt("--limit", "Training images to use [default: all 60,000]");
        var threads = SampleCommandLine.Int("--threads", 1, "Threads per rank, each taking part of the rank's batch (1..64)");
        var checkpoint = SampleCommandLine.Text("--checkpoint", null, "Save the trained network and Adam's state here (rank 0 writes it)", "FILE");
        var command = new RootCommand("Trains the W2 CNN on Fashion-MNIST over the processes of an MPI job: mpirun -np 2 dotnet DistributedFashionMnist.dll")
        {
            epochs, batch, learningRate, seed, data, limit, threads, checkpoint,
        };
        return SampleCommandLine.Parse(command, args, result => new SampleOptions(
            result.GetValue(epochs), result.GetValue(batch), result.GetValue(learningRate), result.GetValue(seed),
            result.GetValue(data), result.GetValue(limit) ?? 0, result.GetValue(threads), result.GetValue(checkpoint)), out exitCode, output, error);
    }
}
