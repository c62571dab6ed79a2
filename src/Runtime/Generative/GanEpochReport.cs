using System;

namespace DslNet;

/// <summary>What one epoch of <see cref="GanTrainer.Fit"/> achieved, averaged over its steps.</summary>
/// <param name="Epoch">The epoch, counted from 1.</param>
/// <param name="Epochs">The number of epochs in the run.</param>
/// <param name="DiscriminatorLoss">The discriminator's loss <c>−log D(x) − log(1 − D(G(z)))</c>, averaged over its steps.</param>
/// <param name="GeneratorLoss">The generator's non-saturating loss <c>−log D(G(z))</c>, averaged over its steps.</param>
/// <param name="RealScore">The mean of D(x) on real samples during the discriminator steps: the probability it gives them of being real.</param>
/// <param name="FakeScore">The mean of D(G(z)) on generated samples during the discriminator steps.</param>
/// <param name="Elapsed">The wall-clock time of the epoch.</param>
public sealed record GanEpochReport(
    int Epoch,
    int Epochs,
    float DiscriminatorLoss,
    float GeneratorLoss,
    float RealScore,
    float FakeScore,
    TimeSpan Elapsed);
