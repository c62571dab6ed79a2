using System;
using System.IO;
using FashionMnistSample;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>Generated networks learn real tasks with the runtime's trainer, with fixed seeds, in seconds.</summary>
public sealed class LearningTests
{
    [Fact]
    public void Xor_is_learned_by_a_tanh_sigmoid_network()
    {
        var inputs = new float[] { 0, 0, 0, 1, 1, 0, 1, 1 };
        var targets = new float[] { 0, 1, 1, 0 };
        var data = new Dataset(inputs, targets, 4);
        var network = new XorNetwork(seed: 3);
        var trainer = new Trainer(network, new BinaryCrossEntropyLoss(), new SgdMomentumOptimizer(0.5f, 0.9f),
            new TrainerOptions { Epochs = 300, BatchSize = 4, Seed = 1 });

        trainer.Fit(data);

        var output = new float[4];
        network.Forward(inputs, output, 4);
        for (int i = 0; i < 4; i++)
        {
            Assert.True(Math.Abs(output[i] - targets[i]) < 0.1, $"XOR({inputs[2 * i]}, {inputs[2 * i + 1]}) = {output[i]}, expected {targets[i]}");
        }
        Assert.Equal(1f, trainer.Evaluate(data).Accuracy);
    }

    [Fact]
    public void Digits_sample_network_reaches_95_percent_on_held_out_digits()
    {
        var all = CsvDataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"), 10, 1f / 16);
        var (training, test) = all.Split(0.8, seed: 42);
        var network = new Digits.DigitsMlp(seed: 42);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f, 0.9f),
            new TrainerOptions { Epochs = 15, BatchSize = 32, Seed = 42 });

        var history = trainer.Fit(training, test);

        Assert.Equal(15, history.Count);
        Assert.True(history[^1].TrainingLoss < history[0].TrainingLoss / 5, $"loss went from {history[0].TrainingLoss} to {history[^1].TrainingLoss}");
        var accuracy = trainer.Evaluate(test).Accuracy!.Value;
        Assert.True(accuracy >= 0.95f, $"test accuracy {accuracy:P2}");
    }

    [Fact]
    public void Regression_with_mean_squared_error_fits_a_smooth_function()
    {
        // y = sin(x0) + x1² on [-1, 1]²: TinyLinear (5 → 7 ReLU → 3) fits three such targets at once.
        var random = new FastRandom(5);
        const int count = 256;
        var inputs = new float[count * 5];
        var targets = new float[count * 3];
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < 5; k++) inputs[i * 5 + k] = 2 * random.NextFloat() - 1;
            float y = MathF.Sin(inputs[i * 5]) + inputs[i * 5 + 1] * inputs[i * 5 + 1];
            targets[i * 3] = y;
            targets[i * 3 + 1] = -y;
            targets[i * 3 + 2] = 0.5f * y;
        }
        var data = new Dataset(inputs, targets, count);
        var network = new TinyLinear(seed: 2);
        var trainer = new Trainer(network, new MeanSquaredErrorLoss(), new SgdMomentumOptimizer(0.02f, 0.9f),
            new TrainerOptions { Epochs = 150, BatchSize = 16, Seed = 3 });
        float before = trainer.Evaluate(data).Loss;

        trainer.Fit(data);

        float after = trainer.Evaluate(data).Loss;
        Assert.True(after < before / 10, $"MSE went from {before} to {after}");
        Assert.Null(trainer.Evaluate(data).Accuracy);
    }
}

/// <summary>The 8×8 digits seen as images by a small convolutional network.</summary>
[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[Input(1, 8, 8)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dropout(0.1)]
[Dense(10, Activation = Activation.Softmax)]
public partial class DigitsCnn { }

public sealed class ConvolutionLearningTests
{
    [Fact]
    public void The_w2_network_learns_digits_drawn_at_fashion_mnist_size()
    {
        // Each 8×8 digit scaled ×3 (nearest) and centred on 28×28: W2 exactly as bench/README.md defines it.
        var digits = CsvDataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"), 10, 1f / 16);
        var images = new float[digits.Count * 784];
        var targets = new float[digits.Count * 10];
        for (int i = 0; i < digits.Count; i++)
        {
            var pixels = digits.Input(i);
            for (int y = 0; y < 24; y++)
            {
                for (int x = 0; x < 24; x++) images[i * 784 + (y + 2) * 28 + x + 2] = pixels[(y / 3) * 8 + x / 3];
            }
            digits.Target(i).CopyTo(targets.AsSpan(i * 10, 10));
        }
        var (training, test) = new Dataset(images, targets, digits.Count).Split(0.8, seed: 7);
        var network = new FashionCnn(seed: 7);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new AdamOptimizer(1e-3f),
            new TrainerOptions { Epochs = 4, BatchSize = 64, Seed = 7 });

        trainer.Fit(training);

        var accuracy = trainer.Evaluate(test).Accuracy!.Value;
        Assert.True(accuracy >= 0.9f, $"test accuracy {accuracy:P2}");
    }

    [Fact]
    public void A_small_cnn_reaches_95_percent_on_held_out_digits()
    {
        var all = CsvDataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"), 10, 1f / 16);
        var (training, test) = all.Split(0.8, seed: 42);
        var network = new DigitsCnn(seed: 42);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f, 0.9f),
            new TrainerOptions { Epochs = 12, BatchSize = 32, Seed = 42 });

        trainer.Fit(training);

        var accuracy = trainer.Evaluate(test).Accuracy!.Value;
        Assert.True(accuracy >= 0.95f, $"test accuracy {accuracy:P2}");
    }
}
