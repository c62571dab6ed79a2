using System;

namespace DslNet;

/// <summary>What one epoch of <see cref="AutoencoderTrainer.Fit"/> achieved.</summary>
/// <param name="Epoch">The epoch, counted from 1.</param>
/// <param name="Epochs">The number of epochs in the run.</param>
/// <param name="TrainingLoss">The mean reconstruction loss over the epoch's training batches, measured during the steps.</param>
/// <param name="ValidationLoss">The mean reconstruction loss on the held-out data after the epoch; null without it.</param>
/// <param name="Elapsed">The wall-clock time of the epoch, validation included.</param>
public sealed record AutoencoderEpochReport(int Epoch, int Epochs, float TrainingLoss, float? ValidationLoss, TimeSpan Elapsed);
