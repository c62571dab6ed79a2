using System;
using System.Globalization;
using System.IO;
using System.Linq;
using DslNet;

namespace Digits;

/// <summary>The sample's command line; <see cref="Usage"/> lists every option with its default.</summary>
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

    public const string Usage =
        """
        Usage: Digits [options]
          --epochs N            passes over the training images (30)
          --batch N             mini-batch size (32)
          --optimizer NAME      sgd | momentum | nesterov | rmsprop | adam | adamw (momentum)
          --lr X                learning rate (sgd 0.1; momentum, nesterov 0.05; rmsprop, adam, adamw 0.001)
          --l1 X                L1 penalty rate α on the weights (0: off)
          --l2 X                L2 penalty rate α on the weights (0: off)
          --penalize LAYERS     the layers the penalties apply to, comma-separated, e.g. dense1,dense2 (all)
          --early-stopping N    hold out 15 % of the training images and stop after N epochs without a better
                                validation figure, keeping the best weights (off)
          --monitor METRIC      loss | accuracy: what early stopping watches (loss)
          --augment             random rotation ±5° and shift ±½ px of the training images (off); it needs
                                more epochs, e.g. --augment --epochs 60
          --no-health           skip the gradient-health monitor and its table
          --seed N              seeds the split, the weights, the shuffling and the augmentation (42)
          --data PATH           the digits data set (data/digits.csv.gz next to the program)
          --help                show this text
        """;

    /// <summary>The options, or null after printing what is wrong (exit code 2) or the usage for --help (exit code 0).</summary>
    public static SampleOptions? Parse(string[] args, out int exitCode)
    {
        exitCode = 0;
        var options = new SampleOptions(30, 32, "momentum", null, 0f, 0f, [], null, EarlyStoppingMetric.ValidationLoss, false, true, 42,
            Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"));
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--help" or "-h":
                    Console.WriteLine(Usage);
                    return null;
                case "--epochs" when int.TryParse(value, out int epochs) && epochs > 0: options = options with { Epochs = epochs }; i++; break;
                case "--batch" when int.TryParse(value, out int batch) && batch > 0: options = options with { BatchSize = batch }; i++; break;
                case "--optimizer" when value is not null && Optimizers.Contains(value.ToLowerInvariant()): options = options with { Optimizer = value.ToLowerInvariant() }; i++; break;
                case "--lr" when TryPositive(value, out float lr): options = options with { LearningRate = lr }; i++; break;
                case "--l1" when TryRate(value, out float l1): options = options with { L1 = l1 }; i++; break;
                case "--l2" when TryRate(value, out float l2): options = options with { L2 = l2 }; i++; break;
                case "--penalize" when !string.IsNullOrWhiteSpace(value):
                    options = options with { PenalizedLayers = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
                    i++;
                    break;
                case "--early-stopping" when int.TryParse(value, out int patience) && patience > 0: options = options with { EarlyStoppingPatience = patience }; i++; break;
                case "--monitor" when value is "loss" or "accuracy":
                    options = options with { EarlyStoppingMetric = value == "loss" ? EarlyStoppingMetric.ValidationLoss : EarlyStoppingMetric.ValidationAccuracy };
                    i++;
                    break;
                case "--augment": options = options with { Augment = true }; break;
                case "--no-health": options = options with { Health = false }; break;
                case "--seed" when int.TryParse(value, out int seed): options = options with { Seed = seed }; i++; break;
                case "--data" when value is not null: options = options with { DataPath = value }; i++; break;
                default:
                    Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'.");
                    Console.Error.WriteLine(Usage);
                    exitCode = 2;
                    return null;
            }
        }
        return options;
    }

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

    private static bool TryPositive(string? text, out float value) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value > 0 && float.IsFinite(value);

    private static bool TryRate(string? text, out float value) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= 0 && float.IsFinite(value);
}
