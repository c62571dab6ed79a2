using System;
using System.CommandLine;
using System.IO;
using DslNet;
using DslNet.Samples;

namespace Digits;

/// <summary>The sample's command line; <c>--help</c> lists every option with its default.</summary>
internal sealed record SampleOptions(
    int Epochs,
    int BatchSize,
    string Optimizer,
    float? LearningRate,
    float L1,
    float L2,
    string[] PenalizedLayers,
    int? EarlyStoppingPatience,
    EarlyStoppingMetric EarlyStoppingMetric,
    bool Augment,
    bool Health,
    int Seed,
    string DataPath)
{
    /// <summary>The optimisers <c>--optimizer</c> accepts.</summary>
    public static readonly string[] Optimizers = ["sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw"];

    /// <summary>The options, or null after printing the usage for --help (exit code 0) or what is wrong (exit code 1).</summary>
    public static SampleOptions? Parse(string[] args, out int exitCode, TextWriter? output = null, TextWriter? error = null)
    {
        var epochs = SampleCommandLine.Int("--epochs", 30, "Passes over the training images");
        var batch = SampleCommandLine.Int("--batch", 32, "Mini-batch size");
        var optimizer = SampleCommandLine.Choice("--optimizer", "momentum", "The optimiser", Optimizers);
        var learningRate = SampleCommandLine.OptionalPositive("--lr", "Learning rate [default: sgd 0.1; momentum, nesterov 0.05; rmsprop, adam, adamw 0.001]");
        var l1 = SampleCommandLine.Rate("--l1", "L1 penalty rate α on the weights (0: off)");
        var l2 = SampleCommandLine.Rate("--l2", "L2 penalty rate α on the weights (0: off)");
        var penalize = SampleCommandLine.Text("--penalize", null, "The layers the penalties apply to, comma-separated, e.g. dense1,dense2 [default: all]", "LAYERS");
        var earlyStopping = SampleCommandLine.OptionalInt("--early-stopping",
            "Hold out 15 % of the training images and stop after N epochs without a better validation figure, keeping the best weights [default: off]");
        var monitor = SampleCommandLine.Choice("--monitor", "loss", "What early stopping watches", "loss", "accuracy");
        var augment = SampleCommandLine.Flag("--augment", "Random rotation ±5° and shift ±½ px of the training images; it needs more epochs, e.g. --augment --epochs 60");
        var noHealth = SampleCommandLine.Flag("--no-health", "Skip the gradient-health monitor and its table");
        var seed = SampleCommandLine.Seed(42, "Seeds the split, the weights, the shuffling and the augmentation");
        var data = SampleCommandLine.Text("--data", DefaultDataPath, "The digits data set", "PATH");
        var command = new RootCommand("Trains an MLP on the 8×8 digits.")
        {
            epochs, batch, optimizer, learningRate, l1, l2, penalize, earlyStopping, monitor, augment, noHealth, seed, data,
        };
        return SampleCommandLine.Parse(command, args, result => new SampleOptions(
            result.GetValue(epochs), result.GetValue(batch), result.GetValue(optimizer)!, result.GetValue(learningRate),
            result.GetValue(l1), result.GetValue(l2),
            result.GetValue(penalize)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            result.GetValue(earlyStopping),
            result.GetValue(monitor) == "accuracy" ? EarlyStoppingMetric.ValidationAccuracy : EarlyStoppingMetric.ValidationLoss,
            result.GetValue(augment), !result.GetValue(noHealth), result.GetValue(seed), result.GetValue(data)!), out exitCode, output, error);
    }

    /// <summary>data/digits.csv.gz next to the program, where the project copies it.</summary>
    public static string DefaultDataPath => Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz");

    /// <summary>The chosen optimiser with its learning rate (the option, or the optimiser's default for this task).</summary>
    public IOptimizer CreateOptimizer() => Optimizer switch
    {
        "sgd" => new SgdOptimizer(LearningRate ?? 0.1f),
        "nesterov" => new SgdMomentumOptimizer(LearningRate ?? 0.05f, momentum: 0.9f, nesterov: true),
        "rmsprop" => new RmsPropOptimizer(LearningRate ?? 0.001f),
        "adam" => new AdamOptimizer(LearningRate ?? 0.001f),
        "adamw" => new AdamWOptimizer(LearningRate ?? 0.001f),
        _ => new SgdMomentumOptimizer(LearningRate ?? 0.05f, momentum: 0.9f),
    };

    /// <summary>The L1/L2 penalty the options ask for, if any.</summary>
    public WeightPenalty[] Penalties() =>
        L1 > 0 || L2 > 0 ? [new WeightPenalty(L1, L2) { Layers = PenalizedLayers }] : [];
}
