using System;
using System.Globalization;
using System.IO;

namespace DslNet.Samples;

/// <summary>The command line the Autoencoder, Vae and Gan samples share; <see cref="Usage"/> lists every option.</summary>
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
    /// <summary>The usage text, with the sample's own defaults filled in.</summary>
    public static string Usage(string sample, string defaults, string extra) =>
        $"""
        Usage: {sample} [options]
          --dataset NAME   digits (8×8, embedded) | fashion (Fashion-MNIST 28×28, installed) (digits)
          --data PATH      the digits .csv.gz, or the folder of the Fashion-MNIST files
                           (data/digits.csv.gz next to the program; {FashionMnist.DefaultFolder})
          --epochs N       passes over the training images ({defaults})
          --batch N        mini-batch size (32 digits, 64 fashion)
          --lr X           Adam learning rate of each network
          --limit N        Fashion-MNIST training images to use, 0 for all 60,000 (10000)
        {extra}  --seed N         seeds the split, the weights, the shuffling and the noise (42)
          --out FOLDER     where the PNG pictures go (out/{sample.ToLowerInvariant()})
          --help           show this text
        """;

    /// <summary>The options, or null after printing the usage (exit code 0) or what is wrong (exit code 2).</summary>
    public static GenerativeOptions? Parse(string[] args, string sample, float learningRate, string defaults, string extra, out int exitCode)
    {
        exitCode = 0;
        var options = new GenerativeOptions(sample, false, null, 0, learningRate, 1f, 0, 10_000, 42, null,
            Path.Combine("out", sample.ToLowerInvariant()));
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--help" or "-h":
                    Console.WriteLine(Usage(sample, defaults, extra));
                    return null;
                case "--dataset" when value is "digits" or "fashion": options = options with { Fashion = value == "fashion" }; i++; break;
                case "--data" when value is not null: options = options with { DataPath = value }; i++; break;
                case "--epochs" when int.TryParse(value, out int epochs) && epochs > 0: options = options with { Epochs = epochs }; i++; break;
                case "--batch" when int.TryParse(value, out int batch) && batch > 0: options = options with { BatchSize = batch }; i++; break;
                case "--lr" when TryPositive(value, out float lr): options = options with { LearningRate = lr }; i++; break;
                case "--beta" when extra.Contains("--beta") && TryPositive(value, out float beta): options = options with { Beta = beta }; i++; break;
                case "--every" when extra.Contains("--every") && int.TryParse(value, out int every) && every > 0: options = options with { Every = every }; i++; break;
                case "--limit" when int.TryParse(value, out int limit) && limit >= 0: options = options with { Limit = limit }; i++; break;
                case "--seed" when int.TryParse(value, out int seed): options = options with { Seed = seed }; i++; break;
                case "--out" when !string.IsNullOrWhiteSpace(value): options = options with { OutputFolder = value }; i++; break;
                default:
                    Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'.");
                    Console.Error.WriteLine(Usage(sample, defaults, extra));
                    exitCode = 2;
                    return null;
            }
        }
        return options.BatchSize > 0 ? options : options with { BatchSize = options.Fashion ? 64 : 32 };
    }

    /// <summary>Where a picture of this run goes.</summary>
    public string PicturePath(string name) => Path.Combine(OutputFolder, name);

    private static bool TryPositive(string? text, out float value) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value > 0 && float.IsFinite(value);
}
