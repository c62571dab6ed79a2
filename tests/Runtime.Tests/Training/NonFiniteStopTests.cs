using System;
using System.Linq;
using DslNet.Tests.Shared;
using Xunit;

namespace DslNet.Tests;

/// <summary>With default options a NaN or infinity stops training, names where it appeared and leaves finite weights.</summary>
[Collection(AllocationMeasurement.Name)]
public sealed class NonFiniteStopTests
{
    [Fact]
    public void ANaNSampleStopsFitByDefaultNamingTheEpochBatchAndTensor()
    {
        Dataset data = WithNaN(sample: 40);
        var network = new HealthReluMlp(seed: 1);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f),
            new TrainerOptions { Epochs = 3, BatchSize = 16, Seed = 5 });

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(data));

        Assert.Equal(HealthIssue.NonFiniteValues, e.Event.Issue);
        Assert.Equal(1, e.Event.Epoch);
        Assert.InRange(e.Event.Batch, 1, 4);
        Assert.Equal(e.Event.Batch, e.Event.Step); // the first epoch: step and batch agree
        Assert.Equal("loss", e.Tensor);
        Assert.Contains($"epoch 1, batch {e.Event.Batch}", e.Message);
        Assert.Contains("the loss is NaN", e.Message);
        Assert.Contains("unchanged by this step", e.Message);
        Assert.All(network.Parameters.ToArray(), p => Assert.True(float.IsFinite(p)));
    }

    [Fact]
    public void TheWeightsAreThoseOfTheLastFiniteStep()
    {
        Dataset clean = HealthData.Blobs(16, 16, 4, seed: 2);
        var (x, t) = GradientHealthMonitorTests.Batch(clean);
        var network = new HealthReluMlp(seed: 1);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f), new TrainerOptions { BatchSize = 16 });
        trainer.TrainStep(x, t, 16);
        trainer.TrainStep(x, t, 16);
        float[] before = network.Parameters.ToArray();
        x[3] = float.PositiveInfinity;

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.TrainStep(x, t, 16));

        Assert.Equal(3, e.Event.Step);
        Assert.Equal(0, e.Event.Epoch);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void ANonFiniteGradientUnderAFiniteLossIsNamedByItsLayoutEntry()
    {
        Dataset clean = HealthData.Blobs(16, 16, 4, seed: 2);
        var (x, t) = GradientHealthMonitorTests.Batch(clean);
        var network = new HealthReluMlp(seed: 1);
        var trainer = new Trainer(network, new GradientPoisoningLoss(poisonAtCall: 2), new SgdMomentumOptimizer(0.05f), new TrainerOptions { BatchSize = 16 });
        trainer.TrainStep(x, t, 16);
        float[] before = network.Parameters.ToArray();

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.TrainStep(x, t, 16));

        // The NaN output gradient reaches every layer; the first entry of the layout is named.
        Assert.Equal("dense1.weight", e.Tensor);
        Assert.Equal("dense1", e.Event.Layer);
        Assert.Contains("the gradient of dense1.weight[", e.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void ANaNInTheWeightsIsReplacedByTheLastGoodCopy()
    {
        Dataset clean = HealthData.Blobs(16, 16, 4, seed: 2);
        var (x, t) = GradientHealthMonitorTests.Batch(clean);
        var network = new HealthReluMlp(seed: 1);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdOptimizer(0.05f), new TrainerOptions { BatchSize = 16 });
        trainer.TrainStep(x, t, 16);
        float[] beforeStep2 = network.Parameters.ToArray();
        trainer.TrainStep(x, t, 16);
        GradientHealthMonitorTests.Slice(network, "dense2", "weight")[7] = float.NaN;

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.TrainStep(x, t, 16));

        Assert.Equal("dense2.weight", e.Tensor);
        Assert.Contains("parameter dense2.weight[7] is NaN", e.Message);
        Assert.Contains("restored to their values before step 2", e.Message);
        Assert.Equal(beforeStep2, network.Parameters.ToArray());
    }

    [Fact]
    public void OptingOutTrainsOnThroughNaN()
    {
        var network = new HealthReluMlp(seed: 1);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f),
            new TrainerOptions { Epochs = 2, BatchSize = 16, StopOnNonFinite = false });

        var history = trainer.Fit(WithNaN(sample: 40));

        Assert.Equal(StopReason.EpochsCompleted, history.StopReason);
        Assert.True(float.IsNaN(history[^1].TrainingLoss));
    }

    [Fact]
    public void AFiniteRunAllocatesNothingPerStepForTheCheck()
    {
        const int batch = 16;
        var network = new HealthReluMlp(seed: 1, batchCapacity: batch);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.01f), new TrainerOptions { BatchSize = batch });
        var (x, t) = GradientHealthMonitorTests.Batch(HealthData.Blobs(batch, 16, 4, seed: 2));
        for (int step = 0; step < 5; step++) trainer.TrainStep(x, t, batch);

        SteadyStateAllocation.AssertZero(() =>
        {
            for (int step = 0; step < 50; step++) trainer.TrainStep(x, t, batch);
        });
    }

    private static Dataset WithNaN(int sample)
    {
        Dataset clean = HealthData.Blobs(64, 16, 4, seed: 2);
        float[] inputs = new float[64 * 16];
        for (int i = 0; i < 64; i++) clean.Input(i).CopyTo(inputs.AsSpan(i * 16));
        inputs[sample * 16 + 3] = float.NaN;
        return Dataset.FromLabels(inputs, Enumerable.Range(0, 64).Select(i => i % 4).ToArray(), 4, allowNonFinite: true);
    }

    /// <summary>Softmax cross-entropy whose gradient turns NaN on one call while its loss stays finite.</summary>
    private sealed class GradientPoisoningLoss(int poisonAtCall) : ILoss
    {
        private readonly SoftmaxCrossEntropyLoss _inner = new();
        private int _calls;

        public string Name => _inner.Name;

        public bool IsClassification => true;

        public LossGradientTarget GradientTarget(Activation outputActivation) => _inner.GradientTarget(outputActivation);

        public float Compute(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> gradient, int batch, Activation outputActivation)
        {
            float loss = _inner.Compute(output, target, gradient, batch, outputActivation);
            if (++_calls == poisonAtCall) gradient[0] = float.NaN;
            return loss;
        }
    }
}
