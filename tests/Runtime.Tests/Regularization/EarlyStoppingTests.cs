using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace DslNet.Tests;

/// <summary>Early stopping watches its metric with patience and a minimum delta, stops, says why, and restores the best weights.</summary>
public sealed class EarlyStoppingTests
{
    [Fact]
    public void AValidationLossThatOnlyRisesStopsAfterThePatienceAndRestoresTheFirstEpoch()
    {
        // The validation labels are the training labels shifted by one class: the better the network learns, the worse it validates.
        var (training, validation) = Contradicting();
        var network = new LinearTestNetwork(2, 3, Activation.Softmax, seed: 1);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f),
            new TrainerOptions { Epochs = 20, BatchSize = 16, Seed = 1, EarlyStopping = new EarlyStopping { Patience = 2 } });
        var weights = new WeightsPerEpoch(network);

        TrainingHistory history = trainer.Fit(training, validation, weights);

        Assert.Equal(3, history.Count);
        Assert.True(history[1].ValidationLoss > history[0].ValidationLoss && history[2].ValidationLoss > history[0].ValidationLoss);
        Assert.Equal(StopReason.EarlyStopping, history.StopReason);
        Assert.Equal(1, history.BestEpoch);
        Assert.True(history.RestoredBestWeights);
        Assert.Equal(weights.After[0], network.Parameters.ToArray());
        Assert.Equal(history[0].ValidationLoss, trainer.Evaluate(validation).Loss);
        Assert.Equal(
            $"Stopped early after epoch 3 of 20: the validation loss did not improve by more than 0 for 2 epochs; the best validation loss, {history[0].ValidationLoss:G4}, was at epoch 1, and the network holds epoch 1's weights again.",
            history.StopMessage);
    }

    [Fact]
    public void WithoutRestoringTheNetworkKeepsTheLastEpochsWeights()
    {
        var (training, validation) = Contradicting();
        var network = new LinearTestNetwork(2, 3, Activation.Softmax, seed: 1);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f),
            new TrainerOptions { Epochs = 20, BatchSize = 16, Seed = 1, EarlyStopping = new EarlyStopping { Patience = 3, RestoreBestWeights = false } });
        var weights = new WeightsPerEpoch(network);

        TrainingHistory history = trainer.Fit(training, validation, weights);

        Assert.Equal(4, history.Count);
        Assert.False(history.RestoredBestWeights);
        Assert.Equal(1, history.BestEpoch);
        Assert.Equal(weights.After[^1], network.Parameters.ToArray());
        Assert.EndsWith("the network keeps the last epoch's weights.", history.StopMessage);
    }

    [Fact]
    public void AccuracyIsWatchedForARiseAndTiesDoNotCount()
    {
        var (training, validation) = Contradicting();
        var trainer = new Trainer(new LinearTestNetwork(2, 3, Activation.Softmax, seed: 1), new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f),
            new TrainerOptions { Epochs = 20, BatchSize = 16, Seed = 1, EarlyStopping = new EarlyStopping(EarlyStoppingMetric.ValidationAccuracy) { Patience = 2 } });

        TrainingHistory history = trainer.Fit(training, validation);

        // Every sample is misclassified on purpose: the accuracy sits at or near 0 and never beats epoch 1 (or the best so far).
        int best = history.BestEpoch!.Value;
        Assert.Equal(StopReason.EarlyStopping, history.StopReason);
        Assert.Equal(best + 2, history.Count);
        Assert.All(history.Skip(best), r => Assert.True(r.ValidationAccuracy <= history[best - 1].ValidationAccuracy));
        Assert.Contains("validation accuracy", history.StopMessage);
    }

    [Fact]
    public void AMinimumDeltaLargerThanAnyGainStopsAfterThePatience()
    {
        // Training loss, so no validation data is needed; every epoch improves a little, none by 10.
        Dataset data = TrainerTests.Blobs(120, seed: 3);
        var trainer = new Trainer(new LinearTestNetwork(2, 3, Activation.Softmax, seed: 1), new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f),
            new TrainerOptions { Epochs = 20, BatchSize = 16, Seed = 1, EarlyStopping = new EarlyStopping(EarlyStoppingMetric.TrainingLoss) { Patience = 4, MinDelta = 10f } });

        TrainingHistory history = trainer.Fit(data);

        Assert.Equal(5, history.Count);
        Assert.Equal(1, history.BestEpoch);
        Assert.Contains("did not improve by more than 10 for 4 epochs", history.StopMessage);
    }

    [Fact]
    public void AnImprovingRunCompletesAndSaysSo()
    {
        var (training, validation) = TrainerTests.Blobs(300, seed: 11).Split(0.8, seed: 12);
        var network = new LinearTestNetwork(2, 3, Activation.Softmax, seed: 13);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f),
            new TrainerOptions { Epochs = 6, BatchSize = 16, Seed = 14, EarlyStopping = new EarlyStopping { Patience = 10 } });

        TrainingHistory history = trainer.Fit(training, validation);

        Assert.Equal(6, history.Count);
        Assert.Equal(StopReason.EpochsCompleted, history.StopReason);
        Assert.StartsWith("Ran all 6 epochs; the best validation loss", history.StopMessage);
        int best = history.BestEpoch!.Value;
        Assert.Equal(history.Min(r => r.ValidationLoss), history[best - 1].ValidationLoss);
        // The network ends with the best epoch's weights, restored or not.
        Assert.Equal(history[best - 1].ValidationLoss, trainer.Evaluate(validation).Loss);
        Assert.Equal(best != 6, history.RestoredBestWeights);
    }

    [Fact]
    public void WithoutEarlyStoppingFitRunsEveryEpoch()
    {
        var trainer = new Trainer(new LinearTestNetwork(2, 3, Activation.Softmax), new SoftmaxCrossEntropyLoss(), new SgdOptimizer(0.1f),
            new TrainerOptions { Epochs = 3 });

        TrainingHistory history = trainer.Fit(TrainerTests.Blobs(30, seed: 1));

        Assert.Equal(StopReason.EpochsCompleted, history.StopReason);
        Assert.Equal("Ran all 3 epochs.", history.StopMessage);
        Assert.Null(history.BestEpoch);
        Assert.False(history.RestoredBestWeights);
    }

    [Fact]
    public void MisconfigurationsAreRejectedEarlyWithClearMessages()
    {
        var network = new LinearTestNetwork(2, 3, Activation.Softmax);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdOptimizer(0.1f),
            new TrainerOptions { EarlyStopping = new EarlyStopping() });
        var e = Assert.Throws<ArgumentException>(() => trainer.Fit(TrainerTests.Blobs(30, seed: 1)));
        Assert.Equal("validation", e.ParamName);
        Assert.Contains("validation loss", e.Message);

        e = Assert.Throws<ArgumentException>(() => new Trainer(new LinearTestNetwork(2, 1, Activation.Linear), new MeanSquaredErrorLoss(), new SgdOptimizer(0.1f),
            new TrainerOptions { EarlyStopping = new EarlyStopping(EarlyStoppingMetric.ValidationAccuracy) }));
        Assert.Contains("MeanSquaredError is not a classification loss", e.Message);

        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping { Patience = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping { MinDelta = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping((EarlyStoppingMetric)42));
    }

    /// <summary>Training blobs, and the same inputs labelled with the next class as validation data.</summary>
    private static (Dataset Training, Dataset Validation) Contradicting()
    {
        Dataset training = TrainerTests.Blobs(150, seed: 5);
        var inputs = new float[training.Count * 2];
        var labels = new int[training.Count];
        for (int i = 0; i < training.Count; i++)
        {
            training.Input(i).CopyTo(inputs.AsSpan(2 * i));
            labels[i] = (System.Numerics.Tensors.TensorPrimitives.IndexOfMax(training.Target(i)) + 1) % 3;
        }
        return (training, Dataset.FromLabels(inputs, labels, 3));
    }

    /// <summary>Copies the parameters after each epoch (progress is reported before the stopping decision).</summary>
    private sealed class WeightsPerEpoch(INetwork network) : IProgress<EpochReport>
    {
        public List<float[]> After { get; } = [];

        public void Report(EpochReport value) => After.Add(network.Parameters.ToArray());
    }
}
