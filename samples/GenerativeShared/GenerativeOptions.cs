using System;
using System.CommandLine;
using System.IO;

namespace DslNet.Samples;

/// <summary>The command line the Autoencoder, Vae and Gan samples share; <c>--help</c> lists every option.</summary>
internal sealed record GenerativeOptions(
    string Sample,
    bool Fashion,
    int? Epochs,
    int BatchSize,
    float LearningRate,
    float Beta,
    int Every,
    int Limit,
    int Seed,
    string? DataPath,
    string OutputFolder)
{
    /// <summary>
    /// The options, or null after printing the usage for --help (exit code 0) or what is wrong (exit code 1).
    /// <paramref name="epochs"/> describes the sample's default epochs; <paramref name="extra"/> adds --beta (Vae) or --every (Gan).
    /// </summary>
    public static GenerativeOptions? Parse(string[] args, string sample, float learningRate, string epochs, GenerativeExtra extra, out int exitCode,
        TextWriter? output = null, TextWriter? error = null)
    {
        var dataset = SampleCommandLine.Choice("--dataset", "digits", "digits (8×8, embedded) or fashion (Fashion-MNIST 28×28, installed)", "digits", "fashion");
        var data = SampleCommandLine.Text("--data", null,
            $"The digits .csv.gz, or the folder of the Fashion-MNIST files [default: data/digits.csv.gz next to the program; {FashionMnist.DefaultFolder}]", "PATH");
        var epochCount = SampleCommandLine.OptionalInt("--epochs", $"Passes over the training images [default: {epochs}]");
        var batch = SampleCommandLine.OptionalInt("--batch", "Mini-batch size [default: 32 digits, 64 fashion]");
        var rate = SampleCommandLine.Positive("--lr", learningRate, "Adam learning rate of each network");
        var limit = SampleCommandLine.Int("--limit", 10_000, "Fashion-MNIST training images to use, 0 for all 60,000", minimum: 0);
        var beta = SampleCommandLine.Positive("--beta", 1f, "Weight of the KL term; 1 gives the ELBO");
        var every = SampleCommandLine.OptionalInt("--every", "Write the fixed-noise samples every N epochs [default: 10 digits, 1 fashion]");
        var seed = SampleCommandLine.Seed(42, "Seeds the split, the weights, the shuffling and the noise");
        var outputFolder = SampleCommandLine.Text("--out", Path.Combine("out", sample.ToLowerInvariant()), "Where the PNG pictures go", "FOLDER");
        var command = new RootCommand($"{sample}: a generative model of the digits or of Fashion-MNIST; writes PNG pictures.")
        {
            dataset, data, epochCount, batch, rate, limit,
        };
        if (extra == GenerativeExtra.Beta) command.Options.Add(beta);
        if (extra == GenerativeExtra.Every) command.Options.Add(every);
        command.Options.Add(seed);
        command.Options.Add(outputFolder);
        return SampleCommandLine.Parse(command, args, result =>
        {
            bool fashion = result.GetValue(dataset) == "fashion";
            return new GenerativeOptions(sample, fashion, result.GetValue(epochCount), result.GetValue(batch) ?? (fashion ? 64 : 32), result.GetValue(rate),
                result.GetValue(beta), result.GetValue(every) ?? 0, result.GetValue(limit), result.GetValue(seed), result.GetValue(data), result.GetValue(outputFolder)!);
        }, out exitCode, output, error);
    }

    /// <summary>Where a picture of this run goes.</summary>
    public string PicturePath(string name) => Path.Combine(OutputFolder, name);
}
