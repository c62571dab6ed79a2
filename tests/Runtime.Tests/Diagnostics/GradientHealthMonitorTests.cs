using System;
using System.Collections.Generic;
using System.Linq;
using DslNet.Tests.Shared;
using Xunit;

namespace DslNet.Tests;

/// <summary>Each flag is provoked on purpose and must fire; healthy runs must raise none.</summary>
[Collection(AllocationMeasurement.Name)]
public sealed class GradientHealthMonitorTests
{
    [Theory]
    [InlineData(42)]
    [InlineData(7)]
    public void AHealthyDigitsRunRaisesNoFlag(int seed)
    {
        var (training, test) = HealthData.Digits();
        var network = new HealthDigitsMlp(seed: seed);
        var sink = new SynchronousProgress<HealthEvent>();
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f, 0.9f),
            new TrainerOptions { Epochs = 30, BatchSize = 32, Seed = seed, Health = new GradientHealthOptions { Events = sink } });

        var history = trainer.Fit(training, test);

        Assert.True(sink.Reports.Count == 0, string.Join(Environment.NewLine, sink.Reports));
        Assert.Empty(trainer.Health!.Events);
        Assert.True(trainer.Evaluate(test).Accuracy >= 0.95f);
        Assert.All(history, report =>
        {
            HealthSummary health = report.Health!;
            Assert.True(health.IsHealthy);
            Assert.Equal(report.Epoch, health.Epoch);
            Assert.Equal(45, health.Steps); // 1,438 samples in batches of 32
            Assert.Equal(["dense1", "dense2", "dense3"], health.Layers.Select(l => l.Layer));
            Assert.All(health.Layers, l => Assert.True(l.GradientNorm > 0 && l.UpdateRatio > 0 && l.WeightNorm > 0));
        });
        Assert.Equal([64, 32, 10], history[0].Health!.Layers.Select(l => l.Units));
    }

    [Fact]
    public void AHealthyReluClassifierWithAPenaltyRaisesNoFlag()
    {
        var network = new HealthReluMlp(seed: 3);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.02f, 0.9f),
            new TrainerOptions { Epochs = 20, BatchSize = 16, Seed = 3, Penalties = [WeightPenalty.L2(1e-4f)], Health = new GradientHealthOptions() });

        var history = trainer.Fit(HealthData.Blobs(400, 16, 4, seed: 4));

        Assert.True(trainer.Health!.Events.Count == 0, string.Join(Environment.NewLine, trainer.Health.Events));
        Assert.True(history[^1].TrainingAccuracy >= 0.95f);
    }

    [Fact]
    public void ADeepSigmoidStackFlagsVanishingGradientsInItsLowerLayersOnly()
    {
        var network = new HealthDeepSigmoid(seed: 1);
        var sink = new SynchronousProgress<HealthEvent>();
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f, 0.9f),
            new TrainerOptions { Epochs = 2, BatchSize = 16, Seed = 1, Health = new GradientHealthOptions { Events = sink } });

        trainer.Fit(HealthData.Blobs(400, 16, 4, seed: 2));

        var vanishing = sink.Reports.Where(e => e.Issue == HealthIssue.VanishingGradients).ToList();
        HealthEvent first = Assert.Single(vanishing, e => e.Layer == "dense1");
        Assert.Equal(20, first.Step); // the condition held from the first step, for VanishingSteps steps
        Assert.Equal(1, first.Epoch);
        Assert.True(first.Value < 1e-3, $"relative ratio {first.Value}");
        Assert.Equal(1e-3, first.Threshold);
        Assert.Contains("dense1", first.Message);
        Assert.Contains("dense10", first.Message);
        // The layers near the head learn at the top layer's pace.
        Assert.DoesNotContain(vanishing, e => e.Layer is "dense8" or "dense9" or "dense10");
        // Edge-triggered: one event per layer while the condition lasts.
        Assert.Equal(vanishing.Count, vanishing.Select(e => e.Layer).Distinct().Count());
        Assert.Equal(vanishing, trainer.Health!.Events.Where(e => e.Issue == HealthIssue.VanishingGradients));
    }

    [Fact]
    public void ALearningRateOfTenFlagsExplodingGradientsAtTheFirstUpdateAndStopsWithTheInitialWeights()
    {
        var network = new HealthReluMlp(seed: 1);
        float[] initial = network.Parameters.ToArray();
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdOptimizer(10f),
            new TrainerOptions { BatchSize = 64, Health = new GradientHealthOptions() });
        var (x, t) = Batch(HealthData.Blobs(64, 16, 4, seed: 2));

        var stopped = Assert.Throws<TrainingDivergedException>(() => trainer.TrainStep(x, t, 64));

        HealthEvent exploding = Assert.Single(trainer.Health!.Events);
        Assert.Same(exploding, stopped.Event);
        Assert.Equal(HealthIssue.ExplodingGradients, exploding.Issue);
        Assert.Equal(1, exploding.Step);
        Assert.NotNull(exploding.Layer);
        Assert.True(exploding.Value >= 1, $"update ratio {exploding.Value}");
        Assert.Equal(1, exploding.Threshold);
        Assert.Contains("before step 1", exploding.Message);
        Assert.Equal(initial, network.Parameters.ToArray());
    }

    [Fact]
    public void GeometricGrowthOfTheGradientNormFlagsExplodingGradients()
    {
        var network = new HealthReluMlp(seed: 1);
        // The one-step update check off and the flag only warning, to see the growth check on its own over ten steps.
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdOptimizer(10f),
            new TrainerOptions { BatchSize = 64, StopOnNonFinite = false, Health = new GradientHealthOptions { ExplodingUpdateRatio = 1e30, ExplodingAction = HealthAction.Warn } });
        var (x, t) = Batch(HealthData.Blobs(64, 16, 4, seed: 2));

        for (int step = 0; step < 10; step++) trainer.TrainStep(x, t, 64);

        HealthEvent exploding = Assert.Single(trainer.Health!.Events, e => e.Issue == HealthIssue.ExplodingGradients);
        Assert.Null(exploding.Layer);
        Assert.Equal(0, exploding.Epoch);
        Assert.True(exploding.Value >= 8, $"growth {exploding.Value}");
        Assert.Equal(8, exploding.Threshold);
        Assert.InRange(exploding.Step, 4, 6);
    }

    [Fact]
    public void HugeInitialWeightsFlagExplodingGradientsBeforeTheOverflow()
    {
        var network = new HealthRegressor(seed: 1);
        foreach (ref float p in network.Parameters) p *= 30f;
        var trainer = new Trainer(network, new MeanSquaredErrorLoss(), new SgdOptimizer(0.01f),
            new TrainerOptions { BatchSize = 64, Health = new GradientHealthOptions() });
        var (x, t) = Batch(HealthData.Regression(64, 16, seed: 3));

        var diverged = Assert.Throws<TrainingDivergedException>(() =>
        {
            for (int step = 0; step < 50; step++) trainer.TrainStep(x, t, 64);
        });

        // Exploding gradients stop training by default, before the overflow.
        HealthEvent exploding = Assert.Single(trainer.Health!.Events);
        Assert.Equal(HealthIssue.ExplodingGradients, exploding.Issue);
        Assert.Same(exploding, diverged.Event);
        Assert.Contains("the parameters were put back to their values before step", exploding.Message);
        Assert.All(network.Parameters.ToArray(), p => Assert.True(float.IsFinite(p)));
    }

    [Fact]
    public void ReluUnitsThatNoInputSwitchesOnAreFlaggedAsDead()
    {
        var network = new HealthReluMlp(seed: 1);
        // A bias of −100 keeps every dense1 pre-activation negative: the units output 0 and get no gradient.
        Slice(network, "dense1", "bias").Fill(-100f);
        var sink = new SynchronousProgress<HealthEvent>();
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f),
            new TrainerOptions { BatchSize = 15, Health = new GradientHealthOptions { Events = sink } });
        // 15 samples: the classes are unbalanced, so the head's bias gradient cannot cancel exactly.
        var (x, t) = Batch(HealthData.Blobs(15, 16, 4, seed: 2));

        for (int step = 0; step < 120; step++) trainer.TrainStep(x, t, 15);

        HealthEvent dead = Assert.Single(sink.Reports, e => e.Issue == HealthIssue.DeadUnits && e.Layer == "dense1");
        Assert.Equal(100, dead.Step);
        Assert.Equal(1.0, dead.Value);
        Assert.Equal(0.5, dead.Threshold);
        Assert.Contains("32 of 32 units in dense1", dead.Message);
        LayerHealth dense1 = trainer.Health!.Summarize(0).Layers[0];
        Assert.Equal(32, dense1.DeadUnits);
        Assert.Equal(32, dense1.Units);
        // dense2 now sees only zeros and its ReLUs sit at 0, so it dies too; the softmax head's weight columns get zero
        // gradients (zero inputs) but its biases still learn, so it is alive.
        Assert.Contains(sink.Reports, e => e.Issue == HealthIssue.DeadUnits && e.Layer == "dense2");
        Assert.DoesNotContain(sink.Reports, e => e.Layer == "dense3");
    }

    [Fact]
    public void AFewDeadUnitsBelowTheFractionAreCountedButNotFlagged()
    {
        var network = new HealthReluMlp(seed: 1);
        // Kill 8 of 32 units: a quarter, under the default half.
        Span<float> bias = Slice(network, "dense1", "bias");
        for (int u = 0; u < 8; u++) bias[u] = -100f;
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f),
            new TrainerOptions { BatchSize = 16, Health = new GradientHealthOptions() });
        var (x, t) = Batch(HealthData.Blobs(16, 16, 4, seed: 2));

        for (int step = 0; step < 110; step++) trainer.TrainStep(x, t, 16);

        Assert.DoesNotContain(trainer.Health!.Events, e => e.Issue == HealthIssue.DeadUnits);
        // The 8 killed units, and perhaps one or two that no sample of this small batch switches on.
        Assert.InRange(trainer.Health.Summarize(0).Layers[0].DeadUnits, 8, 15);
    }

    [Fact]
    public void AnOverwhelmingPenaltyFlagsWeightsCollapsingToZero()
    {
        var network = new HealthReluMlp(seed: 1);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdOptimizer(0.1f),
            new TrainerOptions { BatchSize = 16, Penalties = [WeightPenalty.L2(1f)], Health = new GradientHealthOptions() });
        var (x, t) = Batch(HealthData.Blobs(16, 16, 4, seed: 2));

        for (int step = 0; step < 60; step++) trainer.TrainStep(x, t, 16);

        var collapsed = trainer.Health!.Events.Where(e => e.Issue == HealthIssue.CollapsingWeights).ToList();
        Assert.Contains(collapsed, e => e.Layer == "dense1");
        Assert.All(collapsed, e => Assert.True(e.Value < 1e-3 && e.Threshold == 1e-3));
        // Edge-triggered: each layer once, although it stays collapsed.
        Assert.Equal(collapsed.Count, collapsed.Select(e => e.Layer).Distinct().Count());
        Assert.True(trainer.Health.Summarize(0).Layers[0].WeightNorm < 1e-2);
    }

    [Fact]
    public void ALearningRateFarTooSmallFlagsAStagnatingLoss()
    {
        var network = new HealthReluMlp(seed: 1);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdOptimizer(1e-6f),
            new TrainerOptions { Epochs = 10, BatchSize = 16, Seed = 5, Health = new GradientHealthOptions() });

        trainer.Fit(HealthData.Blobs(400, 16, 4, seed: 2)); // 25 steps an epoch

        Assert.True(trainer.Health!.Events.Count == 1, string.Join(Environment.NewLine, trainer.Health.Events));
        HealthEvent stagnating = trainer.Health.Events[0];
        Assert.Equal(HealthIssue.StagnatingLoss, stagnating.Issue);
        Assert.Equal(100, stagnating.Step);
        Assert.Equal(4, stagnating.Epoch);
        Assert.Null(stagnating.Layer);
        Assert.True(stagnating.Value < stagnating.Threshold, $"improvement {stagnating.Value}, needed {stagnating.Threshold}");
        Assert.True(stagnating.Threshold >= 0.01);
    }

    [Fact]
    public void HugeInitialWeightsSaturateASigmoidStackAndTheLossStagnates()
    {
        var network = new HealthDeepSigmoid(seed: 1);
        foreach (ref float p in network.Parameters) p *= 30f;
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdOptimizer(0.01f),
            new TrainerOptions { BatchSize = 64, Health = new GradientHealthOptions() });
        var (x, t) = Batch(HealthData.Blobs(64, 16, 4, seed: 2));

        for (int step = 0; step < 100; step++) trainer.TrainStep(x, t, 64);

        Assert.Contains(trainer.Health!.Events, e => e.Issue == HealthIssue.StagnatingLoss && e.Step == 100);
    }

    [Fact]
    public void ANaNInTheInputsStopsTrainingWithTheWeightsUntouched()
    {
        var network = new HealthReluMlp(seed: 1);
        var sink = new SynchronousProgress<HealthEvent>();
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f),
            new TrainerOptions { BatchSize = 16, Health = new GradientHealthOptions { Events = sink } });
        var (x, t) = Batch(HealthData.Blobs(16, 16, 4, seed: 2));
        for (int step = 0; step < 3; step++) trainer.TrainStep(x, t, 16);
        float[] before = network.Parameters.ToArray();
        x[5] = float.NaN;

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.TrainStep(x, t, 16));

        Assert.Equal(HealthIssue.NonFiniteValues, e.Event.Issue);
        Assert.Equal(4, e.Event.Step);
        Assert.True(double.IsNaN(e.Event.Value));
        Assert.Contains("NaN", e.Message);
        Assert.Contains("unchanged", e.Message);
        Assert.Equal(before, network.Parameters.ToArray());
        Assert.Same(e.Event, Assert.Single(sink.Reports));
    }

    [Fact]
    public void ANaNInjectedIntoTheWeightsIsReplacedByTheLastFiniteCopy()
    {
        var network = new HealthReluMlp(seed: 1);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f),
            new TrainerOptions { BatchSize = 16, Health = new GradientHealthOptions() });
        var (x, t) = Batch(HealthData.Blobs(16, 16, 4, seed: 2));
        trainer.TrainStep(x, t, 16);
        float[] beforeStep2 = network.Parameters.ToArray();
        trainer.TrainStep(x, t, 16);
        Slice(network, "dense2", "weight")[7] = float.PositiveInfinity;

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.TrainStep(x, t, 16));

        Assert.Equal("dense2", e.Event.Layer);
        Assert.Equal(double.PositiveInfinity, e.Event.Value);
        Assert.Contains("dense2.weight[7]", e.Message);
        Assert.Contains("restored to their values before step 2", e.Message);
        Assert.Equal("dense2.weight", e.Tensor);
        Assert.Equal(beforeStep2, network.Parameters.ToArray());
    }

    [Fact]
    public void AnUpdateThatProducesNaNIsUndone()
    {
        var network = new HealthReluMlp(seed: 1);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new PoisonOptimizer(poisonAtStep: 3),
            new TrainerOptions { BatchSize = 16, Health = new GradientHealthOptions() });
        var (x, t) = Batch(HealthData.Blobs(16, 16, 4, seed: 2));
        trainer.TrainStep(x, t, 16);
        trainer.TrainStep(x, t, 16);
        float[] before = network.Parameters.ToArray();

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.TrainStep(x, t, 16));

        Assert.Contains("updated parameter", e.Message);
        Assert.Contains("before step 3", e.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void FitStopsAtANaNSampleAndLeavesFiniteWeights()
    {
        Dataset clean = HealthData.Blobs(64, 16, 4, seed: 2);
        float[] inputs = new float[64 * 16];
        for (int i = 0; i < 64; i++) clean.Input(i).CopyTo(inputs.AsSpan(i * 16));
        inputs[40 * 16 + 3] = float.NaN;
        var labels = Enumerable.Range(0, 64).Select(i => i % 4).ToArray();
        var network = new HealthReluMlp(seed: 1);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f),
            new TrainerOptions { Epochs = 3, BatchSize = 16, Health = new GradientHealthOptions() });

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(Dataset.FromLabels(inputs, labels, 4, allowNonFinite: true)));

        Assert.Equal(1, e.Event.Epoch);
        Assert.All(network.Parameters.ToArray(), p => Assert.True(float.IsFinite(p)));
    }

    [Fact]
    public void MonitoringAStepAllocatesNothingWhenNoFlagFires()
    {
        const int batch = 16;
        var network = new HealthReluMlp(seed: 1, batchCapacity: batch);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.01f),
            new TrainerOptions { BatchSize = batch, Health = new GradientHealthOptions() });
        var (x, t) = Batch(HealthData.Blobs(batch, 16, 4, seed: 2));
        for (int i = 0; i < 10; i++) trainer.TrainStep(x, t, batch);

        SteadyStateAllocation.AssertZero(() =>
        {
            for (int i = 0; i < 200; i++) trainer.TrainStep(x, t, batch);
        });

        Assert.True(trainer.Health!.Events.Count == 0, string.Join(Environment.NewLine, trainer.Health.Events));
    }

    [Fact]
    public void TheSummaryTableNamesEachLayerAndItsFigures()
    {
        var network = new HealthReluMlp(seed: 1);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f),
            new TrainerOptions { BatchSize = 16, Health = new GradientHealthOptions() });
        var (x, t) = Batch(HealthData.Blobs(16, 16, 4, seed: 2));
        for (int i = 0; i < 4; i++) trainer.TrainStep(x, t, 16);

        HealthSummary summary = trainer.Health!.Summarize(epoch: 0);
        string table = summary.ToString();

        Assert.Equal(4, summary.Steps);
        Assert.Contains("update/weight", table);
        Assert.Contains("0/32", table);
        Assert.Equal(4, table.Split('\n').Length);
        Assert.StartsWith("dense3", table.Split('\n')[3].TrimStart());
        // The next period starts empty.
        Assert.Equal(0, trainer.Health.Summarize(0).Steps);
    }

    [Fact]
    public void TheMonitorWorksOnItsOwnInAHandWrittenLoop()
    {
        var network = new HealthReluMlp(seed: 1);
        var monitor = new GradientHealthMonitor(network.Layout);
        var optimizer = new SgdOptimizer(0.05f);
        var loss = new SoftmaxCrossEntropyLoss();
        var (x, t) = Batch(HealthData.Blobs(16, 16, 4, seed: 2));
        var output = new float[16 * 4];
        var gradient = new float[16 * 4];

        Assert.Throws<InvalidOperationException>(() => monitor.ObserveUpdate(network.Parameters));
        for (int i = 0; i < 5; i++)
        {
            network.ZeroGradients();
            network.Forward(x, output, 16, training: true);
            float value = loss.Compute(output, t, gradient, 16, network.OutputActivation);
            network.BackwardFromPreActivation(gradient, Span<float>.Empty, 16);
            monitor.ObserveGradients(value, network.Parameters, network.Gradients);
            optimizer.Step(network.Parameters, network.Gradients);
            monitor.ObserveUpdate(network.Parameters);
        }

        Assert.Equal(5, monitor.Steps);
        Assert.True(monitor.LastGradientNorm > 0);
        Assert.Equal(["dense1", "dense2", "dense3"], monitor.Layers);
        Assert.Throws<ArgumentException>(() => monitor.ObserveGradients(0, new float[3], new float[3]));
    }

    [Fact]
    public void ThresholdsOutOfRangeAreRejectedByName()
    {
        var layout = new HealthReluMlp().Layout;
        Assert.Equal("VanishingRatio", Assert.Throws<ArgumentOutOfRangeException>(() => new GradientHealthMonitor(layout, new GradientHealthOptions { VanishingRatio = 0 })).ParamName);
        Assert.Equal("ExplodingGrowth", Assert.Throws<ArgumentOutOfRangeException>(() => new GradientHealthMonitor(layout, new GradientHealthOptions { ExplodingGrowth = 1 })).ParamName);
        Assert.Equal("DeadUnitFraction", Assert.Throws<ArgumentOutOfRangeException>(() => new GradientHealthMonitor(layout, new GradientHealthOptions { DeadUnitFraction = 1.5 })).ParamName);
        Assert.Equal("StagnationSteps", Assert.Throws<ArgumentOutOfRangeException>(() => new GradientHealthMonitor(layout, new GradientHealthOptions { StagnationSteps = 30 })).ParamName);
        Assert.Equal("DeadUnitSteps", Assert.Throws<ArgumentOutOfRangeException>(() => new GradientHealthMonitor(layout, new GradientHealthOptions { DeadUnitSteps = 0 })).ParamName);
    }

    internal static (float[] Inputs, float[] Targets) Batch(Dataset data)
    {
        var x = new float[data.Count * data.InputSize];
        var t = new float[data.Count * data.TargetSize];
        for (int i = 0; i < data.Count; i++)
        {
            data.Input(i).CopyTo(x.AsSpan(i * data.InputSize));
            data.Target(i).CopyTo(t.AsSpan(i * data.TargetSize));
        }
        return (x, t);
    }

    internal static Span<float> Slice(INetwork network, string layer, string name)
    {
        ParameterSlice slice = network.Layout.Single(s => s.Layer == layer && s.Name == name);
        return network.Parameters.Slice(slice.Offset, slice.Length);
    }

    /// <summary>Plain SGD that writes a NaN into the parameters on one step.</summary>
    private sealed class PoisonOptimizer(int poisonAtStep) : IOptimizer
    {
        private int _steps;

        public float LearningRate { get; set; } = 0.05f;

        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(gradients, -LearningRate, parameters, parameters);
            if (++_steps == poisonAtStep) parameters[parameters.Length / 2] = float.NaN;
        }
    }
}
