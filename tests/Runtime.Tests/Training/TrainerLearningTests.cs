using System;
using System.Linq;
using Xunit;

namespace DslNet.Tests;

/// <summary>The trainer, driving the test double, learns separable problems with each classification loss.</summary>
public sealed class TrainerLearningTests
{
    [Theory]
    [InlineData(Activation.Softmax)]
    [InlineData(Activation.Linear)]
    public void LearnsThreeSeparableClasses(Activation activation)
    {
        var (training, validation) = TrainerTests.Blobs(300, seed: 11).Split(0.8, seed: 12);
        var network = new LinearTestNetwork(2, 3, activation, seed: 13);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f),
            new TrainerOptions { Epochs = 15, BatchSize = 16, Seed = 14 });

        var reports = trainer.Fit(training, validation);

        Assert.True(reports[^1].ValidationAccuracy >= 0.95f, $"validation accuracy {reports[^1].ValidationAccuracy}");
        Assert.True(trainer.Evaluate(training).Accuracy >= 0.95f);
        Assert.True(reports[^1].TrainingLoss < reports[0].TrainingLoss / 2);
    }

    [Theory]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.Linear)]
    public void LearnsABinaryProblemWithOneOutput(Activation activation)
    {
        // Class 1 when x + 2y > 1, with a margin around the line.
        var random = new FastRandom(21);
        const int count = 300;
        var inputs = new float[count * 2];
        var targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            float x, y;
            do
            {
                x = 4 * random.NextFloat() - 2;
                y = 4 * random.NextFloat() - 2;
            }
            while (Math.Abs(x + 2 * y - 1) < 0.3f);
            inputs[2 * i] = x;
            inputs[2 * i + 1] = y;
            targets[i] = x + 2 * y > 1 ? 1f : 0f;
        }
        var data = new Dataset(inputs, targets, count);
        var network = new LinearTestNetwork(2, 1, activation, seed: 22);
        var trainer = new Trainer(network, new BinaryCrossEntropyLoss(), new SgdMomentumOptimizer(0.1f),
            new TrainerOptions { Epochs = 20, BatchSize = 16, Seed = 23 });

        var reports = trainer.Fit(data);

        Assert.True(trainer.Evaluate(data).Accuracy >= 0.95f, $"accuracy {trainer.Evaluate(data).Accuracy}");
        Assert.True(reports.Last().TrainingAccuracy >= 0.95f);
    }

    [Fact]
    public void FitsALinearRegression()
    {
        // y = 2a − b + 0.5, exactly representable by the dense layer.
        var random = new FastRandom(31);
        const int count = 200;
        var inputs = new float[count * 2];
        var targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            inputs[2 * i] = 2 * random.NextFloat() - 1;
            inputs[2 * i + 1] = 2 * random.NextFloat() - 1;
            targets[i] = 2 * inputs[2 * i] - inputs[2 * i + 1] + 0.5f;
        }
        var network = new LinearTestNetwork(2, 1, Activation.Linear, seed: 32);
        var trainer = new Trainer(network, new MeanSquaredErrorLoss(), new SgdMomentumOptimizer(0.05f),
            new TrainerOptions { Epochs = 40, BatchSize = 10, Seed = 33 });

        trainer.Fit(new Dataset(inputs, targets, count));

        Assert.Equal(2f, network.Weights[0], tolerance: 1e-2f);
        Assert.Equal(-1f, network.Weights[1], tolerance: 1e-2f);
        Assert.Equal(0.5f, network.Bias[0], tolerance: 1e-2f);
    }
}
