using System.Collections.Generic;

namespace DslNet;

/// <summary>
/// How a <see cref="Trainer"/> runs: epochs, mini-batch size and the seed, plus the optional regularisation
/// (<see cref="Penalties"/>, <see cref="Augmentation"/>, <see cref="EarlyStopping"/>) and the gradient
/// <see cref="Health"/> monitor. Everything optional is off by default, except the stop on a NaN or infinity (<see cref="StopOnNonFinite"/>).
/// </summary>
/// <example>
/// <code>
/// new TrainerOptions
/// {
///     Epochs = 50, BatchSize = 32, Seed = 42,
///     Penalties = [WeightPenalty.L2(1e-4f)],
///     EarlyStopping = new EarlyStopping(EarlyStoppingMetric.ValidationLoss) { Patience = 5 },
///     Augmentation = new ImageAugmentation(1, 28, 28, new RandomRotation(10), new RandomShift(2)),
///     Health = new GradientHealthOptions { Events = new Progress&lt;HealthEvent&gt;(Console.WriteLine) },
/// }
/// </code>
/// </example>
public sealed class TrainerOptions
{
    /// <summary>Passes over the training data in <see cref="Trainer.Fit"/>; at least 1. Early stopping may end the run sooner.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per mini-batch (the last batch of an epoch may be smaller) and per evaluation batch; at least 1.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Seeds the shuffling of the training samples and the augmentation, so a run can be repeated exactly.</summary>
    public int Seed { get; init; }

    /// <summary>L1/L2 penalties added to each step's loss and gradients (after back-propagation, before the optimiser); none by default.</summary>
    public IReadOnlyList<WeightPenalty> Penalties { get; init; } = [];

    /// <summary>Random image transforms applied to training inputs (<see cref="Trainer.Fit"/> batches and <see cref="Trainer.TrainStep(System.ReadOnlySpan{float}, System.ReadOnlySpan{float}, int)"/>), never to evaluation; null for none.</summary>
    public ImageAugmentation? Augmentation { get; init; }

    /// <summary>Stops <see cref="Trainer.Fit"/> when a metric stops improving and restores the best weights; null to always run every epoch.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>
    /// Clips the gradients by their global L2 norm before each update (after the health monitor has seen them), the
    /// usual guard against exploding gradients in recurrent networks; null for no clipping.
    /// </summary>
    public float? ClipGradientNorm { get; init; }

    /// <summary>
    /// Stops training with a <see cref="TrainingDivergedException"/> at the first step whose loss, gradients or parameters hold a NaN
    /// or infinity, naming the step (epoch, batch) and the tensor, with the parameters of the last finite step; default
    /// true. The check sums the gradient and parameter vectors once per step and copies the parameters into a buffer allocated once.
    /// False trains on regardless (the <see cref="Health"/> monitor, when set, still stops on NaN).
    /// </summary>
    public bool StopOnNonFinite { get; init; } = true;

    /// <summary>Monitors gradient health every step and reports flags (vanishing, exploding, dead units, collapse, stagnation, NaN); null to skip the monitoring.</summary>
    public GradientHealthOptions? Health { get; init; }
}
