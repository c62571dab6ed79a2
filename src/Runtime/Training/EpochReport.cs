using System;

namespace DslNet;

/// <summary>What one epoch of <see cref="Trainer.Fit"/> achieved.</summary>
/// <param name="Epoch">The epoch, counted from 1.</param>
/// <param name="Epochs">The number of epochs in the run.</param>
/// <param name="TrainingLoss">The mean loss over the epoch's training samples, as measured during the steps, penalties included.</param>
/// <param name="TrainingAccuracy">The fraction of training samples classified correctly during the steps; null for regression losses.</param>
/// <param name="ValidationLoss">The mean loss on the validation data after the epoch, without penalties; null without validation data.</param>
/// <param name="ValidationAccuracy">The validation accuracy after the epoch; null without validation data or for regression losses.</param>
/// <param name="Elapsed">The wall-clock time of the epoch, validation included.</param>
public sealed record EpochReport(
    int Epoch,
    int Epochs,
    float TrainingLoss,
    float? TrainingAccuracy,
    float? ValidationLoss,
    float? ValidationAccuracy,
    TimeSpan Elapsed)
{
    /// <summary>The part of <see cref="TrainingLoss"/> that comes from <see cref="TrainerOptions.Penalties"/>, averaged like it; 0 without penalties.</summary>
    public float TrainingPenalty { get; init; }

    /// <summary>The gradient-health figures and flags of the epoch; null unless <see cref="TrainerOptions.Health"/> is set.</summary>
    public HealthSummary? Health { get; init; }
}
