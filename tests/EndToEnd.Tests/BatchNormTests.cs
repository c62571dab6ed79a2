using System;
using System.Linq;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// Batch normalisation against its definition in double precision (PyTorch's equations: biased batch variance to
/// normalise, unbiased for the running estimate), gradients against finite differences of a batch loss, the running
/// statistics as state that training updates and nothing else touches.
/// </summary>
public sealed class BatchNormTests
{
    private const int Batch = 5;

    [Theory]
    [InlineData(typeof(FeatureBatchNorm), 4, 1, 0.1, 1e-5)]
    [InlineData(typeof(ChannelBatchNorm), 3, 12, 0.3, 1e-3)]
    [InlineData(typeof(WideChannelBatchNorm), 3, 35, 0.3, 1e-3)]
    public void Training_and_inference_match_the_definition(Type type, int channels, int positions, double momentum, double epsilon)
    {
        var network = (INetwork)Activator.CreateInstance(type, 3, Batch)!;
        var p = network.Parameters;
        var random = new Random(7);
        // Gains and biases away from 1 and 0, running statistics away from their start.
        for (int c = 0; c < channels; c++)
        {
            p[c] = (float)(0.5 + random.NextDouble());
            p[channels + c] = (float)(random.NextDouble() - 0.5);
            p[2 * channels + c] = (float)(random.NextDouble() - 0.5);
            p[3 * channels + c] = (float)(0.5 + random.NextDouble());
        }
        var before = p.ToArray();
        var x = GeneratedNetworkTests.RandomVector(Batch * network.InputSize, seed: 8);
        var y = new float[x.Length];

        network.Forward(x, y, Batch, training: true);
        int n = Batch * positions;
        for (int c = 0; c < channels; c++)
        {
            var values = Values(x, c, channels, positions).ToArray();
            double mean = values.Average(), variance = values.Select(v => (v - mean) * (v - mean)).Sum() / n;
            foreach (var (index, value) in Indices(c, channels, positions).Zip(values))
            {
                double expected = before[c] * (value - mean) / Math.Sqrt(variance + epsilon) + before[channels + c];
                Assert.Equal(expected, y[index], 4);
            }
            Assert.Equal((1 - momentum) * before[2 * channels + c] + momentum * mean, p[2 * channels + c], 5);
            Assert.Equal((1 - momentum) * before[3 * channels + c] + momentum * variance * n / (n - 1), p[3 * channels + c], 5);
        }

        var running = p.ToArray();
        network.Forward(x, y, Batch, training: false);
        Assert.Equal(running, p.ToArray()); // inference leaves the running statistics alone
        for (int c = 0; c < channels; c++)
        {
            foreach (var index in Indices(c, channels, positions))
            {
                double expected = running[c] * (x[index] - running[2 * channels + c]) / Math.Sqrt(running[3 * channels + c] + epsilon) + running[channels + c];
                Assert.Equal(expected, y[index], 4);
            }
        }
    }

    [Theory]
    [InlineData(typeof(FeatureBatchNorm))]
    [InlineData(typeof(ChannelBatchNorm))]
    [InlineData(typeof(BatchNormCnn))]
    [InlineData(typeof(WideChannelBatchNorm))]
    [InlineData(typeof(ReluFeatureBatchNorm))]
    [InlineData(typeof(FoldedDenseNorm))] // inference folds these BatchNorms; training runs them as declared
    [InlineData(typeof(FoldedDirectConvNorm))]
    public void Gradients_match_finite_differences_of_a_batch_loss(Type type)
    {
        var network = (INetwork)Activator.CreateInstance(type, 4, Batch)!;
        var x = GeneratedNetworkTests.RandomVector(Batch * network.InputSize, seed: 9);
        var weights = GeneratedNetworkTests.RandomVector(Batch * network.OutputSize, seed: 10);
        var y = new float[weights.Length];
        // L = Σ w·y over the whole batch: every sample's output depends on every other's input through the statistics.
        double Loss()
        {
            network.Forward(x, y, Batch, training: true);
            double loss = 0;
            for (int i = 0; i < y.Length; i++) loss += weights[i] * y[i];
            return loss;
        }

        Loss();
        network.ZeroGradients();
        var dx = new float[x.Length];
        network.Backward(weights, dx, Batch);
        var gradients = network.Gradients.ToArray();

        foreach (var slice in network.Layout.Where(s => s.Kind == ParameterKind.State))
        {
            Assert.All(gradients.Skip(slice.Offset).Take(slice.Length), g => Assert.Equal(0f, g));
        }
        FiniteDifference.CheckParameterGradients(network, Loss, gradients, checks: 60, seed: 11, type.Name);
        FiniteDifference.CheckGradients(x, Loss, dx, checks: 60, seed: 12, i => $"x[{i}]", type.Name + " input");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_activation_applies_after_the_gain_and_bias(bool training)
    {
        var plain = new WideChannelBatchNorm(3, Batch);
        var relu = new ReluChannelBatchNorm(3, Batch);
        var random = new Random(13);
        for (int i = 0; i < plain.Parameters.Length; i++) plain.Parameters[i] = (float)(0.5 + random.NextDouble()) * (i < 6 ? 1 : 0.5f);
        plain.Parameters.CopyTo(relu.Parameters);
        var x = GeneratedNetworkTests.RandomVector(Batch * WideChannelBatchNorm.InputSize, seed: 14);
        var expected = new float[x.Length];
        var actual = new float[x.Length];

        plain.Forward(x, expected, Batch, training);
        relu.Forward(x, actual, Batch, training);

        Assert.Contains(expected, v => v < 0); // the ReLU has something to cut
        Assert.Equal(expected.Select(v => Math.Max(0f, v)), actual);
    }

    [Fact]
    public void The_layout_marks_the_running_statistics_as_state_and_training_moves_only_them()
    {
        var network = new BatchNormCnn(seed: 5);
        var state = network.Layout.Where(s => s.Kind == ParameterKind.State).Select(s => $"{s.Layer}.{s.Name}").ToArray();
        Assert.Equal(["batchnorm2.runningMean", "batchnorm2.runningVariance", "norm.runningMean", "norm.runningVariance"], state);
        Assert.Equal(["batchnorm2.gain", "batchnorm2.bias", "norm.gain", "norm.bias"],
            network.Layout.Where(s => s.Layer is "batchnorm2" or "norm" && s.Kind == ParameterKind.Bias).Select(s => $"{s.Layer}.{s.Name}"));

        // Adam with decoupled decay of biases too, and an L1/L2 penalty on biases: the state still moves only by the
        // running-average rule of the forward pass, so two trainers that differ only in those settings agree on it.
        var x = GeneratedNetworkTests.RandomVector(Batch * BatchNormCnn.InputSize, seed: 13);
        var targets = new float[Batch * 3];
        for (int b = 0; b < Batch; b++) targets[b * 3 + b % 3] = 1;
        var plain = new BatchNormCnn(seed: 5);
        var decayed = new BatchNormCnn(seed: 5);
        new Trainer(plain, new SoftmaxCrossEntropyLoss(), new AdamOptimizer(0.05f)).TrainStep(x, targets, Batch);
        new Trainer(decayed, new SoftmaxCrossEntropyLoss(), new AdamWOptimizer(0.05f, weightDecay: 0.5f, decayBiases: true),
            new TrainerOptions { Penalties = [new WeightPenalty(l1: 0.1f, l2: 0.1f) { IncludeBiases = true }] }).TrainStep(x, targets, Batch);
        foreach (var slice in plain.Layout.Where(s => s.Kind == ParameterKind.State))
        {
            Assert.Equal(plain.Parameters.Slice(slice.Offset, slice.Length).ToArray(), decayed.Parameters.Slice(slice.Offset, slice.Length).ToArray());
            Assert.NotEqual(new BatchNormCnn(seed: 5).Parameters.Slice(slice.Offset, slice.Length).ToArray(), plain.Parameters.Slice(slice.Offset, slice.Length).ToArray());
        }
    }

    [Fact]
    public void Replicas_share_the_running_statistics_but_only_the_network_updates_them()
    {
        var network = new ChannelBatchNorm(seed: 1);
        var replica = network.CreateReplica(1);
        var x = GeneratedNetworkTests.RandomVector(Batch * ChannelBatchNorm.InputSize, seed: 14);
        var y = new float[x.Length];
        var before = network.Parameters.ToArray();
        replica.Forward(x, y, Batch, training: true);
        Assert.Equal(before, network.Parameters.ToArray());
        network.Forward(x, y, Batch, training: true);
        Assert.NotEqual(before, network.Parameters.ToArray());
    }

    [Fact]
    public void One_value_per_channel_normalises_to_the_bias_and_leaves_the_running_statistics()
    {
        var network = new FeatureBatchNorm(seed: 2);
        var before = network.Parameters.ToArray();
        var y = new float[4];
        network.Forward([1f, -2f, 3f, 0.5f], y, 1, training: true);
        Assert.Equal(before, network.Parameters.ToArray());
        Assert.All(y, v => Assert.Equal(0f, v)); // (x − x)·γ + β with β = 0
    }

    private static System.Collections.Generic.IEnumerable<int> Indices(int c, int channels, int positions) =>
        Enumerable.Range(0, Batch).SelectMany(r => Enumerable.Range((r * channels + c) * positions, positions));

    private static System.Collections.Generic.IEnumerable<double> Values(float[] x, int c, int channels, int positions) =>
        Indices(c, channels, positions).Select(i => (double)x[i]);
}
