using System;
using System.Linq;
using DslNet.Tests.Shared;
using Xunit;

namespace DslNet.Tests;

[Collection(AllocationMeasurement.Name)]
public sealed class TrainerTests
{
    public static TheoryData<string, Activation> Pairs => new()
    {
        { "MeanSquaredError", Activation.Linear },
        { "MeanSquaredError", Activation.Sigmoid },
        { "MeanSquaredError", Activation.Softmax },
        { "BinaryCrossEntropy", Activation.Sigmoid },
        { "BinaryCrossEntropy", Activation.Linear },
        { "SoftmaxCrossEntropy", Activation.Softmax },
        { "SoftmaxCrossEntropy", Activation.Linear },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void TrainStepHandsTheOptimizerTheTrueParameterGradient(string lossName, Activation activation)
    {
        // Routing the loss gradient into the wrong backward entry would fail this finite-difference check.
        const int batch = 4, inputs = 3, outputs = 3;
        var network = new LinearTestNetwork(inputs, outputs, activation, seed: 7);
        TestData.Uniform(network.ParameterCount, -1, 1, seed: 8).CopyTo(network.Parameters);
        ILoss loss = LossReference.Create(lossName);
        var optimizer = new RecordingOptimizer();
        var trainer = new Trainer(network, loss, optimizer);
        float[] x = TestData.Uniform(batch * inputs, -1, 1, seed: 9);
        float[] t = lossName == "MeanSquaredError" ? TestData.Uniform(batch * outputs, -1, 1, seed: 10) : TestData.OneHot(batch, outputs, seed: 10);

        float stepLoss = trainer.TrainStep(x, t, batch);

        Assert.Equal(1, optimizer.Steps);
        Assert.Equal(LossAt(network.Parameters.ToArray()), stepLoss, tolerance: 1e-6);
        const float h = 1e-2f;
        for (int k = 0; k < network.ParameterCount; k++)
        {
            float[] plus = network.Parameters.ToArray(), minus = network.Parameters.ToArray();
            plus[k] += h;
            minus[k] -= h;
            double numeric = (LossAt(plus) - LossAt(minus)) / (2.0 * h);
            Assert.True(Math.Abs(optimizer.LastGradients[k] - numeric) <= 2e-4 + 1e-2 * Math.Abs(numeric),
                $"{lossName} after {activation}, parameter {k}: analytic {optimizer.LastGradients[k]}, numeric {numeric}.");
        }

        double LossAt(float[] parameters)
        {
            var probe = new LinearTestNetwork(inputs, outputs, activation);
            parameters.CopyTo(probe.Parameters);
            var output = new float[batch * outputs];
            probe.Forward(x, output, batch);
            return loss.Compute(output, t, Span<float>.Empty, batch, activation);
        }
    }

    [Theory]
    [InlineData("SoftmaxCrossEntropy", Activation.Linear)]
    [InlineData("BinaryCrossEntropy", Activation.Sigmoid)]
    [InlineData("MeanSquaredError", Activation.Softmax)]
    public void ATrainStepAllocatesNothingAfterWarmUp(string lossName, Activation activation)
    {
        const int batch = 16;
        var network = new LinearTestNetwork(8, 4, activation);
        var trainer = new Trainer(network, LossReference.Create(lossName), new SgdMomentumOptimizer(0.01f), new TrainerOptions { BatchSize = batch });
        float[] x = TestData.Uniform(batch * 8, -1, 1, seed: 1);
        float[] t = TestData.OneHot(batch, 4, seed: 2);
        for (int i = 0; i < 10; i++) trainer.TrainStep(x, t, batch);

        SteadyStateAllocation.AssertZero(() =>
        {
            for (int i = 0; i < 100; i++) trainer.TrainStep(x, t, batch);
        });
    }

    [Fact]
    public void ABatchLargerThanTheOptionGrowsTheBuffers()
    {
        var network = new LinearTestNetwork(2, 2, Activation.Softmax);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdOptimizer(0.1f), new TrainerOptions { BatchSize = 2 });
        float loss = trainer.TrainStep(TestData.Uniform(20, -1, 1, 3), TestData.OneHot(10, 2, 4), batch: 10);
        Assert.True(float.IsFinite(loss) && loss > 0);
        // And back to a small one.
        Assert.True(float.IsFinite(trainer.TrainStep(new float[2], [1f, 0f], batch: 1)));
    }

    [Fact]
    public void ALossThatDoesNotFitTheOutputActivationFailsAtConstruction()
    {
        var network = new LinearTestNetwork(2, 3, Activation.Sigmoid);
        var e = Assert.Throws<ArgumentException>(() => new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdOptimizer(0.1f)));
        Assert.Contains("SoftmaxCrossEntropy", e.Message);
        Assert.Contains("Sigmoid", e.Message);
        Assert.Contains("Softmax output", e.Message);
    }

    [Fact]
    public void OptionsOutOfRangeAreRejected()
    {
        var network = new LinearTestNetwork(2, 2, Activation.Linear);
        var loss = new MeanSquaredErrorLoss();
        var optimizer = new SgdOptimizer(0.1f);
        Assert.Contains("Epochs", Assert.Throws<ArgumentException>(() => new Trainer(network, loss, optimizer, new TrainerOptions { Epochs = 0 })).Message);
        Assert.Contains("BatchSize", Assert.Throws<ArgumentException>(() => new Trainer(network, loss, optimizer, new TrainerOptions { BatchSize = 0 })).Message);
    }

    [Fact]
    public void TrainStepRejectsLengthsThatDoNotFitTheBatch()
    {
        var trainer = new Trainer(new LinearTestNetwork(3, 2, Activation.Linear), new MeanSquaredErrorLoss(), new SgdOptimizer(0.1f));
        var e = Assert.Throws<ArgumentException>(() => trainer.TrainStep(new float[5], new float[4], 2));
        Assert.Contains("2 × 3 = 6", e.Message);
        Assert.Contains("got 5", e.Message);
        e = Assert.Throws<ArgumentException>(() => trainer.TrainStep(new float[6], new float[3], 2));
        Assert.Contains("2 × 2 = 4", e.Message);
        Assert.Throws<ArgumentException>(() => trainer.TrainStep([], [], 0));
    }

    [Fact]
    public void DatasetsThatDoNotFitTheNetworkAreRejected()
    {
        var trainer = new Trainer(new LinearTestNetwork(3, 2, Activation.Linear), new MeanSquaredErrorLoss(), new SgdOptimizer(0.1f));
        var fits = new Dataset(new float[6], new float[4], 2);

        var e = Assert.Throws<ArgumentException>(() => trainer.Fit(new Dataset(new float[8], new float[4], 2)));
        Assert.Contains("4 inputs per sample", e.Message);
        Assert.Contains("takes 3", e.Message);
        e = Assert.Throws<ArgumentException>(() => trainer.Fit(fits, new Dataset(new float[6], new float[6], 2)));
        Assert.Equal("validation", e.ParamName);
        Assert.Contains("3 targets per sample", e.Message);
        Assert.Contains("outputs 2", e.Message);
        Assert.Throws<ArgumentException>(() => trainer.Evaluate(new Dataset(new float[4], new float[4], 2)));
    }

    [Fact]
    public void FitReportsOneEpochAtATimeThroughProgress()
    {
        var (training, validation) = Blobs(200, seed: 3).Split(0.8, seed: 4);
        var trainer = new Trainer(new LinearTestNetwork(2, 3, Activation.Softmax), new SoftmaxCrossEntropyLoss(), new SgdOptimizer(0.1f),
            new TrainerOptions { Epochs = 4, BatchSize = 16 });
        var progress = new SynchronousProgress<EpochReport>();

        var reports = trainer.Fit(training, validation, progress);

        Assert.Equal(4, reports.Count);
        Assert.Equal(reports, progress.Reports);
        for (int i = 0; i < 4; i++)
        {
            EpochReport report = reports[i];
            Assert.Equal(i + 1, report.Epoch);
            Assert.Equal(4, report.Epochs);
            Assert.NotNull(report.TrainingAccuracy);
            Assert.NotNull(report.ValidationLoss);
            Assert.NotNull(report.ValidationAccuracy);
            Assert.True(report.Elapsed > TimeSpan.Zero);
        }
        Assert.True(reports[^1].TrainingLoss < reports[0].TrainingLoss);
        // The last validation is the final network's evaluation.
        Evaluation final = trainer.Evaluate(validation);
        Assert.Equal(final.Loss, reports[^1].ValidationLoss);
        Assert.Equal(final.Accuracy, reports[^1].ValidationAccuracy);
    }

    [Fact]
    public void FitReportsEveryBatchForAProgressBar()
    {
        var training = Blobs(100, seed: 3);
        var trainer = new Trainer(new LinearTestNetwork(2, 3, Activation.Softmax), new SoftmaxCrossEntropyLoss(), new SgdOptimizer(0.1f),
            new TrainerOptions { Epochs = 3, BatchSize = 16 });
        var batches = new SynchronousProgress<BatchReport>();

        var reports = trainer.Fit(training, batchProgress: batches);

        // 100 samples in batches of 16: 7 per epoch, the last one of 4 samples.
        Assert.Equal(3 * 7, batches.Reports.Count);
        for (int i = 0; i < batches.Reports.Count; i++)
        {
            BatchReport report = batches.Reports[i];
            Assert.Equal((i / 7 + 1, 3, i % 7 + 1, 7), (report.Epoch, report.Epochs, report.Batch, report.Batches));
            Assert.Equal((i + 1) / 21.0, report.RunFraction, 12);
            Assert.True(float.IsFinite(report.Loss));
        }
        Assert.Equal(1.0, batches.Reports[^1].RunFraction);
        Assert.Equal(1.0, batches.Reports[6].EpochFraction);
        // The running epoch loss ends where the epoch report's training loss is.
        for (int epoch = 0; epoch < 3; epoch++) Assert.Equal(reports[epoch].TrainingLoss, batches.Reports[epoch * 7 + 6].EpochLoss, 5);
    }

    [Fact]
    public void WithoutValidationOrClassesTheOptionalFiguresAreNull()
    {
        var data = new Dataset(TestData.Uniform(40, -1, 1, 1), TestData.Uniform(20, -1, 1, 2), 20);
        var trainer = new Trainer(new LinearTestNetwork(2, 1, Activation.Linear), new MeanSquaredErrorLoss(), new SgdOptimizer(0.1f),
            new TrainerOptions { Epochs = 2 });

        var reports = trainer.Fit(data);

        Assert.All(reports, r =>
        {
            Assert.Null(r.TrainingAccuracy);
            Assert.Null(r.ValidationLoss);
            Assert.Null(r.ValidationAccuracy);
        });
        Assert.Null(trainer.Evaluate(data).Accuracy);
    }

    [Fact]
    public void TrainingFiguresAreWeightedBySamplesAcrossAShortLastBatch()
    {
        // With parameters held still, an epoch's training loss and accuracy are the dataset's evaluation:
        // 50 samples in batches of 16 end with a batch of 2, which must count for 2 samples, not 16.
        Dataset data = Blobs(50, seed: 5);
        var network = new LinearTestNetwork(2, 3, Activation.Softmax, seed: 6);
        var optimizer = new RecordingOptimizer();
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), optimizer, new TrainerOptions { Epochs = 1, BatchSize = 16 });

        EpochReport report = trainer.Fit(data).Single();
        Evaluation evaluation = trainer.Evaluate(data);

        Assert.Equal(4, optimizer.Steps);
        Assert.Equal(evaluation.Loss, report.TrainingLoss, tolerance: 1e-5f);
        Assert.Equal(evaluation.Accuracy!.Value, report.TrainingAccuracy!.Value, tolerance: 1e-6f);
        Assert.InRange(evaluation.Accuracy.Value, 0.05f, 0.95f);
    }

    [Fact]
    public void AccuracyOnSeveralOutputsComparesArgMaxes()
    {
        // Identity weights: the output is the input. Predictions 0, 1, 2, 0 against classes 0, 1, 1, 2.
        var network = new LinearTestNetwork(3, 3, Activation.Linear);
        network.Weights.Clear();
        network.Weights[0] = network.Weights[4] = network.Weights[8] = 1;
        float[] inputs = [5, 1, 0, 0, 3, 1, 0, 1, 2, 4, 0, 1];
        var data = Dataset.FromLabels(inputs, [0, 1, 1, 2], classCount: 3);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdOptimizer(0.1f), new TrainerOptions { BatchSize = 3 });

        Assert.Equal(0.5f, trainer.Evaluate(data).Accuracy);
    }

    [Theory]
    [InlineData(Activation.Linear)]
    [InlineData(Activation.Sigmoid)]
    public void AccuracyOnOneOutputUsesTheThresholdOfTheActivation(Activation activation)
    {
        // Output x (logits) or σ(x) (probabilities): both cross their threshold (0 or 0.5) at x = 0, so every
        // sample is right. A wrong threshold (0.5 for logits, 0 for probabilities) would score 3/4 or 2/4.
        var network = new LinearTestNetwork(1, 1, activation);
        network.Weights[0] = 1;
        var data = new Dataset([-2f, -0.5f, 0.3f, 0.7f], [0f, 0f, 1f, 1f], 4);
        var trainer = new Trainer(network, new BinaryCrossEntropyLoss(), new SgdOptimizer(0.1f));

        Assert.Equal(1f, trainer.Evaluate(data).Accuracy);
    }

    [Fact]
    public void TheSameSeedGivesTheSameParameters()
    {
        float[] First(int seed) => TrainedParameters(seed);
        Assert.Equal(First(1), First(1));
        Assert.NotEqual(First(1), First(2));
    }

    [Fact]
    public void EachEpochVisitsASeededShuffleFromOneGeneratorForTheWholeRun()
    {
        // Batches of one whose target is the sample's index: the recorded targets are the visiting order.
        const int count = 12, epochs = 3, seed = 17;
        var targets = new float[count];
        for (int i = 0; i < count; i++) targets[i] = i;
        var data = new Dataset(new float[count], targets, count);
        var loss = new RecordingLoss(new MeanSquaredErrorLoss());
        var trainer = new Trainer(new LinearTestNetwork(1, 1, Activation.Linear), loss, new RecordingOptimizer(),
            new TrainerOptions { Epochs = epochs, BatchSize = 1, Seed = seed });

        trainer.Fit(data);

        var expected = new System.Collections.Generic.List<float>();
        int[] order = Enumerable.Range(0, count).ToArray();
        var random = new FastRandom(seed);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            expected.AddRange(order.Select(i => (float)i));
        }
        Assert.Equal(expected, loss.Targets);
        Assert.NotEqual(loss.Targets.Take(count), loss.Targets.Skip(count).Take(count));
    }

    private static float[] TrainedParameters(int seed)
    {
        var network = new LinearTestNetwork(2, 3, Activation.Softmax, seed: 1);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f),
            new TrainerOptions { Epochs = 3, BatchSize = 8, Seed = seed });
        trainer.Fit(Blobs(60, seed: 9));
        return network.Parameters.ToArray();
    }

    /// <summary>Three Gaussian blobs in the plane, centres far apart: linearly separable.</summary>
    internal static Dataset Blobs(int count, int seed)
    {
        var random = new FastRandom(seed);
        float[][] centres = [[-3f, 0f], [3f, 0f], [0f, 4f]];
        var inputs = new float[count * 2];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % 3;
            inputs[2 * i] = centres[labels[i]][0] + 0.6f * random.NextGaussian();
            inputs[2 * i + 1] = centres[labels[i]][1] + 0.6f * random.NextGaussian();
        }
        return Dataset.FromLabels(inputs, labels, 3);
    }

    /// <summary>Wraps a loss and records the first target of every training step (every call with a gradient).</summary>
    private sealed class RecordingLoss(ILoss inner) : ILoss
    {
        public System.Collections.Generic.List<float> Targets { get; } = [];

        public string Name => inner.Name;

        public bool IsClassification => inner.IsClassification;

        public LossGradientTarget GradientTarget(Activation outputActivation) => inner.GradientTarget(outputActivation);

        public float Compute(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> gradient, int batch, Activation outputActivation)
        {
            if (!gradient.IsEmpty) Targets.Add(target[0]);
            return inner.Compute(output, target, gradient, batch, outputActivation);
        }
    }
}
