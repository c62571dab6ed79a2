using System;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// A generative trainer's Fit that stops on a NaN names the epoch and batch it stopped in, as the Trainer's does: the
/// shared training loop knows where it is. Each run has 8 samples in batches of 4 (two batches an epoch); after epoch 1
/// the progress callback puts a NaN into a network, so the first step of epoch 2 fails.
/// </summary>
public sealed class GenerativeFitPositionTests
{
    private static readonly GenerativeTrainerOptions TwoEpochs = new() { Epochs = 2, BatchSize = 4, Seed = 5 };

    private static Dataset Samples() => new(TestData.Uniform(8 * 8, 0, 1, seed: 3), new float[8], 8);

    [Fact]
    public void AnAutoencodersFitNamesTheEpochAndBatchOfTheNaN()
    {
        var decoder = new GuardDecoder(seed: 2);
        var trainer = new AutoencoderTrainer(new GuardEncoder(seed: 1), decoder, new SgdOptimizer(0.05f), new SgdOptimizer(0.05f), options: TwoEpochs);
        var progress = new PoisonAfterFirstEpoch<AutoencoderEpochReport>(decoder);

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(Samples(), progress: progress));

        AssertStoppedAtEpoch2Batch1(e, step: 3);
    }

    [Fact]
    public void AVaesFitNamesTheEpochAndBatchOfTheNaN()
    {
        var decoder = new GuardDecoder(seed: 2);
        var options = new VaeOptions { Epochs = 2, BatchSize = 4, Seed = 5 };
        var trainer = new VaeTrainer(new GuardVaeEncoder(seed: 1), decoder, new SgdOptimizer(0.01f), new SgdOptimizer(0.01f), options: options);
        var progress = new PoisonAfterFirstEpoch<VaeEpochReport>(decoder);

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(Samples(), progress: progress));

        AssertStoppedAtEpoch2Batch1(e, step: 3);
    }

    [Fact]
    public void AGansFitNamesTheEpochAndBatchOfTheNaN()
    {
        var discriminator = new GuardDiscriminator(seed: 2);
        var options = new GanOptions { Epochs = 2, BatchSize = 4, Seed = 5 };
        var trainer = new GanTrainer(new GuardGenerator(seed: 1), discriminator, new SgdOptimizer(0.01f), new SgdOptimizer(0.01f), options);
        var progress = new PoisonAfterFirstEpoch<GanEpochReport>(discriminator);

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(Samples(), progress));

        // Epoch 1 took a discriminator and a generator step per batch: four steps.
        AssertStoppedAtEpoch2Batch1(e, step: 5);
    }

    [Fact]
    public void AStepAfterAFailedFitCarriesNoEpoch()
    {
        var decoder = new GuardDecoder(seed: 2);
        var trainer = new AutoencoderTrainer(new GuardEncoder(seed: 1), decoder, new SgdOptimizer(0.05f), new SgdOptimizer(0.05f), options: TwoEpochs);
        Assert.Throws<TrainingDivergedException>(() => trainer.Fit(Samples(), progress: new PoisonAfterFirstEpoch<AutoencoderEpochReport>(decoder)));
        decoder.Parameters[5] = float.NaN;

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.TrainStep(TestData.Uniform(4 * 8, 0, 1, seed: 4), 4));

        Assert.Equal(0, e.Event.Epoch);
        Assert.Equal(0, e.Event.Batch);
        Assert.Equal(4, e.Event.Step);
    }

    private static void AssertStoppedAtEpoch2Batch1(TrainingDivergedException e, long step)
    {
        Assert.Equal(2, e.Event.Epoch);
        Assert.Equal(1, e.Event.Batch);
        Assert.Equal(step, e.Event.Step);
        Assert.Contains($"at step {step} (epoch 2, batch 1)", e.Message);
    }

    /// <summary>Puts a NaN into the network's parameters when epoch 1 is reported.</summary>
    private sealed class PoisonAfterFirstEpoch<T>(INetwork network) : IProgress<T>
    {
        public void Report(T value) => network.Parameters[5 % network.ParameterCount] = float.NaN;
    }
}
