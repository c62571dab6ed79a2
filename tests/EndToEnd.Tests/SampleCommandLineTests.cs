using System;
using System.IO;
using DslNet.Samples;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// Every sample's command line (System.CommandLine through samples/Shared): --help lists the options and exits 0, a valid
/// line gives the values and the defaults for the rest, and a wrong one names the option and what it expects, exiting 1.
/// </summary>
public sealed class SampleCommandLineTests
{
    private delegate T? Parser<T>(string[] args, out int exitCode, TextWriter? output, TextWriter? error);

    private sealed record Outcome<T>(T? Options, int ExitCode, string Output, string Error);

    private static Outcome<T> Run<T>(Parser<T> parse, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        T? options = parse(args, out int exitCode, output, error);
        return new Outcome<T>(options, exitCode, output.ToString(), error.ToString());
    }

    private static void AssertHelp<T>(Parser<T> parse, params string[] options)
    {
        var help = Run(parse, "--help");
        Assert.Null(help.Options);
        Assert.Equal(0, help.ExitCode);
        Assert.Equal("", help.Error);
        Assert.Contains("Usage:", help.Output);
        foreach (string option in options) Assert.Contains(option, help.Output);
        Assert.DoesNotContain("--version", help.Output);
    }

    private static void AssertRejected<T>(Parser<T> parse, string message, params string[] args)
    {
        var wrong = Run(parse, args);
        Assert.Null(wrong.Options);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains(message, wrong.Error);
    }

    [Fact]
    public void Digits()
    {
        Parser<global::Digits.SampleOptions> parse = global::Digits.SampleOptions.Parse;
        AssertHelp(parse, "--epochs", "--optimizer", "--lr", "--penalize", "--early-stopping", "--monitor", "--augment", "--no-health", "--data", "[default: 30]");
        var options = Run(parse, "--epochs", "5", "--optimizer", "adam", "--lr", "0.01", "--l2", "1e-4", "--penalize", "dense1, dense2",
            "--early-stopping", "3", "--monitor", "accuracy", "--no-health", "--seed", "-1").Options!;
        Assert.Equal((5, 32, "adam", 0.01f, 1e-4f, 3, EarlyStoppingMetric.ValidationAccuracy, false, -1),
            (options.Epochs, options.BatchSize, options.Optimizer, options.LearningRate, options.L2, options.EarlyStoppingPatience, options.EarlyStoppingMetric, options.Health, options.Seed));
        Assert.Equal(["dense1", "dense2"], options.PenalizedLayers);
        var defaults = Run(parse).Options!;
        Assert.Equal((30, "momentum", (float?)null, 0f, (int?)null, true), (defaults.Epochs, defaults.Optimizer, defaults.LearningRate, defaults.L1, defaults.EarlyStoppingPatience, defaults.Health));
        Assert.EndsWith("digits.csv.gz", defaults.DataPath);
        AssertRejected(parse, "--epochs must be a positive whole number; got '-3'.", "--epochs", "-3");
        AssertRejected(parse, "--epochs must be a positive whole number; got 'two'.", "--epochs", "two");
        AssertRejected(parse, "--lr must be a positive, finite number; got 'NaN'.", "--lr", "NaN");
        AssertRejected(parse, "--l1 must be a finite number of at least 0; got '-1'.", "--l1", "-1");
        AssertRejected(parse, "Argument 'lbfgs' not recognized", "--optimizer", "lbfgs");
        AssertRejected(parse, "Unrecognized command or argument '--bogus'", "--bogus");
        AssertRejected(parse, "Required argument missing for option: '--batch'", "--epochs", "3", "--batch");
    }

    [Fact]
    public void CartPole()
    {
        Parser<global::CartPole.SampleOptions> parse = global::CartPole.SampleOptions.Parse;
        AssertHelp(parse, "--optimizer", "--generations", "--population", "--episodes", "--eval-episodes", "--seed");
        Assert.Equal(new global::CartPole.SampleOptions("pso", 7, 4, 5, 20, 42), Run(parse, "--optimizer", "pso", "--generations", "7", "--population", "4").Options);
        Assert.Equal(new global::CartPole.SampleOptions("ga", 100, 50, 5, 20, 42), Run(parse).Options);
        AssertRejected(parse, "--population must be a whole number of at least 4; got '3'.", "--population", "3");
    }

    [Fact]
    public void LongMemory()
    {
        Parser<LongMemorySample.SampleOptions> parse = LongMemorySample.SampleOptions.Parse;
        AssertHelp(parse, "--steps", "--epochs", "--seed", "--residual", "[default: 40]");
        Assert.Equal(new LongMemorySample.SampleOptions(10, 15, 7), Run(parse, "--steps", "10").Options);
        Assert.Equal(new LongMemorySample.SampleOptions(40, 15, 7, Residual: true), Run(parse, "--residual").Options);
        AssertRejected(parse, "--epochs must be a positive whole number; got '-3'.", "--epochs", "-3");
        AssertRejected(parse, "--steps must be a whole number of at least 2; got '1'.", "--steps", "1");
    }

    [Fact]
    public void CharLstm_and_CharTransformer()
    {
        var defaults = new CharOptions(6, 32, 64, 0.002f, 0.8, 600, "ROMEO:", null, 42, "data.txt.gz", Cell: "lstm");
        Parser<CharOptions> parse = (string[] args, out int exitCode, TextWriter? output, TextWriter? error) =>
            CharOptions.Parse(args, "CharLstm", defaults, out exitCode, output, error);
        AssertHelp(parse, "--epochs", "--batch", "--steps", "--lr", "--temperature", "--length", "--prime", "--limit", "--seed", "--data", "--cell", "[default: ROMEO:]", "[default: lstm]");
        Assert.Equal(defaults with { Epochs = 1, Limit = 20000, Temperature = 1.5, Prime = "JULIET:" },
            Run(parse, "--epochs", "1", "--limit", "20000", "--temperature", "1.5", "--prime", "JULIET:").Options);
        Assert.Equal(defaults, Run(parse).Options);
        Assert.Equal(defaults with { Cell = "gru" }, Run(parse, "--cell", "gru").Options);
        AssertRejected(parse, "--temperature must be a positive, finite number; got '0'.", "--temperature", "0");
        AssertRejected(parse, "--prime must be non-empty text.", "--prime", "");
        AssertRejected(parse, "Argument 'rnn' not recognized", "--cell", "rnn");

        // A sample without a choice of cell (CharTransformer) has no --cell.
        Parser<CharOptions> transformer = (string[] args, out int exitCode, TextWriter? output, TextWriter? error) =>
            CharOptions.Parse(args, "CharTransformer", defaults with { Cell = null }, out exitCode, output, error);
        Assert.Null(Run(transformer).Options!.Cell);
        AssertRejected(transformer, "Unrecognized command or argument '--cell'", "--cell", "gru");
    }

    [Fact]
    public void Clips()
    {
        Parser<ClipsSample.SampleOptions> parse = ClipsSample.SampleOptions.Parse;
        AssertHelp(parse, "--epochs", "--train", "--test", "--frames", "--min-frames", "--lr", "--no-baseline", "--data");
        var shortClips = Run(parse, "--frames", "4", "--no-baseline").Options!;
        Assert.Equal((4, 4, false), (shortClips.Frames, shortClips.MinFrames, shortClips.Baseline));
        Assert.Equal((10, 6), (Run(parse).Options!.Frames, Run(parse).Options!.MinFrames));
        AssertRejected(parse, "--min-frames 8 is above --frames 5", "--frames", "5", "--min-frames", "8");
        AssertRejected(parse, "--frames must be a whole number of at least 2; got '1'.", "--frames", "1");
    }

    [Fact]
    public void FashionMnist()
    {
        Parser<FashionMnistSample.SampleOptions> parse = FashionMnistSample.SampleOptions.Parse;
        AssertHelp(parse, "--config", "--epochs", "--batch", "--lr", "--seed", "--data", "--limit", "--augment", "--threads");
        Assert.Equal(new FashionMnistSample.SampleOptions("large", 2, 64, 1e-3f, 1, "/data", 500, true, 2),
            Run(parse, "--config", "large", "--epochs", "2", "--data", "/data", "--limit", "500", "--augment", "--threads", "2").Options);
        Assert.Equal(new FashionMnistSample.SampleOptions("w2", 10, 64, 1e-3f, 1, null, 0, false, 1), Run(parse).Options);
        AssertRejected(parse, "--threads must be at most 64; got 65.", "--threads", "65");
        AssertRejected(parse, "--limit must be a positive whole number; got '0'.", "--limit", "0");
    }

    [Fact]
    public void ResNet()
    {
        Parser<ResNetSample.SampleOptions> parse = ResNetSample.SampleOptions.Parse;
        AssertHelp(parse, "--epochs", "--batch", "--lr", "--weight-decay", "--seed", "--data", "--limit", "--no-augment", "--threads");
        Assert.Equal(new ResNetSample.SampleOptions(3, 32, 1e-3f, 1e-4f, 5, "/data", 500, false, 1),
            Run(parse, "--epochs", "3", "--batch", "32", "--lr", "0.001", "--weight-decay", "0.0001", "--seed", "5", "--data", "/data", "--limit", "500", "--no-augment", "--threads", "1").Options);
        Assert.Equal(new ResNetSample.SampleOptions(15, 128, 2e-3f, 5e-4f, 1, null, 0, true, Math.Min(Environment.ProcessorCount, 8)), Run(parse).Options);
        AssertRejected(parse, "--threads must be at most 64; got 65.", "--threads", "65");
    }

    [Theory]
    [InlineData("Autoencoder", "None", "--lr")]
    [InlineData("Vae", "Beta", "--beta")]
    [InlineData("Gan", "Every", "--every")]
    public void Autoencoder_Vae_and_Gan(string sample, string extraName, string ownOption)
    {
        var extra = Enum.Parse<GenerativeExtra>(extraName);
        Parser<GenerativeOptions> parse = (string[] args, out int exitCode, TextWriter? output, TextWriter? error) =>
            GenerativeOptions.Parse(args, sample, 0.003f, "100 digits, 10 fashion", extra, out exitCode, output, error);
        AssertHelp(parse, "--dataset", "--data", "--epochs", "--batch", "--limit", "--seed", "--out", ownOption);
        var fashion = Run(parse, "--dataset", "fashion", "--epochs", "2", "--limit", "0").Options!;
        Assert.Equal((true, 2, 64, 0, 0.003f), (fashion.Fashion, fashion.Epochs, fashion.BatchSize, fashion.Limit, fashion.LearningRate));
        var digits = Run(parse).Options!;
        Assert.Equal((false, (int?)null, 32, Path.Combine("out", sample.ToLowerInvariant())), (digits.Fashion, digits.Epochs, digits.BatchSize, digits.OutputFolder));
        AssertRejected(parse, "Argument 'mnist' not recognized", "--dataset", "mnist");
        AssertRejected(parse, "--epochs must be a positive whole number; got '-3'.", "--epochs", "-3");
        // The other samples' own options are not theirs.
        if (extra != GenerativeExtra.Beta) AssertRejected(parse, "Unrecognized command or argument '--beta'", "--beta", "2");
        if (extra != GenerativeExtra.Every) AssertRejected(parse, "Unrecognized command or argument '--every'", "--every", "2");
    }

    [Fact]
    public void ImageRegression_Localization_and_Segmentation()
    {
        Parser<ImageRegressionSample.SampleOptions> regression = ImageRegressionSample.SampleOptions.Parse;
        Parser<LocalizationSample.SampleOptions> localization = LocalizationSample.SampleOptions.Parse;
        Parser<SegmentationSample.SampleOptions> segmentation = SegmentationSample.SampleOptions.Parse;
        AssertHelp(regression, "--epochs", "--train", "--test", "--seed");
        AssertHelp(localization, "--epochs", "--train", "--test", "--seed");
        AssertHelp(segmentation, "--model", "--epochs", "--train", "--test", "--seed");
        Assert.Equal(new ImageRegressionSample.SampleOptions(2, 2000, 100, 42), Run(regression, "--epochs", "2", "--test", "100").Options);
        Assert.Equal(new LocalizationSample.SampleOptions(15, 3000, 500, 3), Run(localization, "--seed", "3").Options);
        Assert.Equal(new SegmentationSample.SampleOptions("plain", 15, 20, 500, 42), Run(segmentation, "--train", "20").Options);
        Assert.Equal(new SegmentationSample.SampleOptions("unet", 15, 2000, 500, 42), Run(segmentation, "--model", "unet").Options);
        AssertRejected(regression, "--epochs must be a positive whole number; got '-3'.", "--epochs", "-3");
        AssertRejected(localization, "--train must be a positive whole number; got '0'.", "--train", "0");
        AssertRejected(segmentation, "Argument 'resnet' not recognized. Must be one of", "--model", "resnet");
        AssertRejected(segmentation, "--test must be a positive whole number; got 'x'.", "--test", "x");
    }

    [Fact]
    public void ReverseDigits()
    {
        Parser<ReverseDigitsSample.ReverseOptions> parse = ReverseDigitsSample.ReverseOptions.Parse;
        AssertHelp(parse, "--length", "--train", "--test", "--epochs", "--batch", "--lr", "--examples", "--seed");
        Assert.Equal(new ReverseDigitsSample.ReverseOptions(3, 10000, 2000, 4, 64, 0.003f, 0, 42), Run(parse, "--length", "3", "--examples", "0").Options);
        AssertRejected(parse, "--length must be a whole number of at least 2; got '1'.", "--length", "1");
        AssertRejected(parse, "--examples must be a whole number of at least 0; got '-1'.", "--examples", "-1");
    }
}
