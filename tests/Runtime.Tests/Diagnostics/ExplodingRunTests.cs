using System;
using System.Linq;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// A learning rate of 1e6 on the Digits architecture: with ReLU and SGD, tanh and Adam, tanh and SGD. Each must be named
/// exploding, and by default stopped at once with the initial weights.
/// </summary>
public sealed class ExplodingRunTests
{
    public static TheoryData<string> Cases => ["relu-sgd", "tanh-adam", "tanh-sgd"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnExplodingRunIsFlaggedAndStoppedBeforeTheWeightsAreRuined(string kind)
    {
        var (training, _) = HealthData.Digits();
        var (network, optimizer) = Create(kind);
        float[] initial = network.Parameters.ToArray();
        var sink = new SynchronousProgress<HealthEvent>();
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), optimizer,
            new TrainerOptions { Epochs = 5, BatchSize = 32, Seed = 42, Health = new GradientHealthOptions { Events = sink } });

        var stopped = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(training));

        HealthEvent flag = Assert.Single(sink.Reports);
        Assert.Same(flag, stopped.Event);
        Assert.Equal(HealthIssue.ExplodingGradients, flag.Issue);
        Assert.Equal((1, 1, 1L), (flag.Epoch, flag.Batch, flag.Step));
        Assert.Equal(initial, network.Parameters.ToArray());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WhenExplodingOnlyWarnsItIsTheFirstFlagAndNothingIsCalledVanishing(string kind)
    {
        var (training, _) = HealthData.Digits();
        var (network, optimizer) = Create(kind);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), optimizer,
            new TrainerOptions { Epochs = 3, BatchSize = 32, Seed = 42, Health = new GradientHealthOptions { ExplodingAction = HealthAction.Warn } });

        trainer.Fit(training);

        var events = trainer.Health!.Events;
        Assert.Equal(HealthIssue.ExplodingGradients, events[0].Issue);
        Assert.Equal(1, events[0].Step);
        Assert.DoesNotContain(events, e => e.Issue == HealthIssue.VanishingGradients);
    }

    [Fact]
    public void AFlagSetToStopEndsTrainingWithThatFlag()
    {
        var network = new HealthReluMlp(seed: 1);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdOptimizer(1e-7f),
            new TrainerOptions { BatchSize = 16, Health = new GradientHealthOptions { StagnationAction = HealthAction.Stop } });
        var (x, t) = GradientHealthMonitorTests.Batch(HealthData.Blobs(16, 16, 4, seed: 2));

        var stopped = Assert.Throws<TrainingDivergedException>(() =>
        {
            for (int step = 0; step < 200; step++) trainer.TrainStep(x, t, 16);
        });

        Assert.Equal(HealthIssue.StagnatingLoss, stopped.Event.Issue);
        Assert.Equal(100, stopped.Event.Step);
        Assert.Contains("Training stopped", stopped.Message);
    }

    [Fact]
    public void AnUndefinedActionIsRejectedByName()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new GradientHealthMonitor(new HealthReluMlp(seed: 1).Layout, new GradientHealthOptions { DeadUnitAction = (HealthAction)7 }));
        Assert.Equal("DeadUnitAction", e.ParamName);
    }

    private static (INetwork Network, IOptimizer Optimizer) Create(string kind) => kind switch
    {
        "relu-sgd" => (new HealthDigitsMlp(seed: 42), new SgdMomentumOptimizer(1e6f, 0.9f)),
        "tanh-adam" => (new HealthDigitsTanh(seed: 42), new AdamOptimizer(1e6f)),
        "tanh-sgd" => (new HealthDigitsTanh(seed: 42), new SgdMomentumOptimizer(1e6f, 0.9f)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "relu-sgd, tanh-adam or tanh-sgd"),
    };
}
