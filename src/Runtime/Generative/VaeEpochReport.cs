using System;

namespace DslNet;

/// <summary>What one epoch of <see cref="VaeTrainer.Fit"/> achieved.</summary>
/// <param name="Epoch">The epoch, counted from 1.</param>
/// <param name="Epochs">The number of epochs in the run.</param>
/// <param name="Training">The loss terms averaged over the epoch's training batches, measured during the steps.</param>
/// <param name="Validation">The loss terms on the held-out data after the epoch (one seeded latent sample per image); null without it.</param>
/// <param name="Elapsed">The wall-clock time of the epoch, validation included.</param>
public sealed record VaeEpochReport(int Epoch, int Epochs, VaeEvaluation Training, VaeEvaluation? Validation, TimeSpan Elapsed);
