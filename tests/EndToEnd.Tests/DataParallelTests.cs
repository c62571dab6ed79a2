using System;
using System.Linq;
using DslNet.Bench.Networks;
using FashionMnistSample;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// A batch split over threads gives what one thread gives, up to the grouping of float sums; the same thread count
/// gives the same bits every run; one thread gives exactly the network's own results.
/// </summary>
public sealed class DataParallelTests
{
    public static TheoryData<string, int, int> Splits => new()
    {
        { nameof(FashionCnn), 2, 64 },
        { nameof(FashionCnn), 3, 11 },
        { nameof(MlpNetwork), 2, 64 },
        { nameof(MlpNetwork), 2, 7 },
        { nameof(MlpNetwork), 4, 3 },
        { nameof(DeepSoftmax), 3, 10 },
        { nameof(DeepSoftmax), 2, 1 },
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public void Outputs_and_gradients_match_one_thread(string name, int threads, int batch)
    {
        var alone = Create(name);
        using var parallel = new DataParallelNetwork(Create(name), threads);
        var input = GeneratedNetworkTests.RandomVector(batch * alone.InputSize, seed: batch);
        var outputGradient = GeneratedNetworkTests.RandomVector(batch * alone.OutputSize, seed: 100 + batch);
        // Gradients already hold something: Backward adds to them, split or not.
        var earlier = GeneratedNetworkTests.RandomVector(alone.ParameterCount, seed: 7);
        earlier.CopyTo(alone.Gradients);
        earlier.CopyTo(parallel.Gradients);

        var (expectedOutput, expectedInputGradient) = Step(alone, input, outputGradient, batch);
        var (output, inputGradient) = Step(parallel, input, outputGradient, batch);

        AssertClose(expectedOutput, output, "output");
        AssertClose(expectedInputGradient, inputGradient, "input gradient");
        AssertClose(alone.Gradients.ToArray(), parallel.Gradients.ToArray(), "parameter gradients");
    }

    [Fact]
    public void One_thread_gives_exactly_the_networks_own_results()
    {
        var alone = new FashionCnn(seed: 3);
        using var parallel = new DataParallelNetwork(new FashionCnn(seed: 3), threads: 1);
        var losses = Train(alone, steps: 5);
        var parallelLosses = Train(parallel, steps: 5);
        Assert.Equal(losses, parallelLosses);
        Assert.True(alone.Parameters.SequenceEqual(parallel.Parameters));
    }

    [Theory]
    [InlineData(nameof(FashionCnn))]
    [InlineData(nameof(MlpNetwork))]
    [InlineData(nameof(DropoutMlp))]
    public void The_same_thread_count_gives_the_same_bits_every_run(string name)
    {
        using var first = new DataParallelNetwork(Create(name), threads: 2);
        using var second = new DataParallelNetwork(Create(name), threads: 2);
        Assert.Equal(Train(first, steps: 8), Train(second, steps: 8));
        Assert.True(first.Parameters.SequenceEqual(second.Parameters));
    }

    [Fact]
    public void Training_on_two_threads_follows_one_thread()
    {
        var alone = new MlpNetwork(seed: 5);
        using var parallel = new DataParallelNetwork(new MlpNetwork(seed: 5), threads: 2);
        var expected = Train(alone, steps: 20);
        var actual = Train(parallel, steps: 20);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-4f, $"step {i}: loss {actual[i]} on two threads, {expected[i]} on one");
        Assert.True(actual[^1] < actual[0] * 0.5f, $"the loss should fall: {actual[0]} → {actual[^1]}");
    }

    [Fact]
    public void Replicas_share_the_parameters_and_keep_their_own_gradients()
    {
        var network = new MlpNetwork(seed: 1);
        var replica = network.CreateReplica(stream: 1);
        network.Parameters[5] = 42f;
        Assert.Equal(42f, replica.Parameters[5]);
        replica.Gradients[5] = 1f;
        Assert.Equal(0f, network.Gradients[5]);
    }

    [Fact]
    public void A_sequence_networks_replica_computes_what_the_network_computes()
    {
        const int batch = 3, timeSteps = 5;
        var network = new LstmTagger(timeSteps, seed: 2);
        var replica = (ISequenceNetwork)network.CreateReplica(stream: 1);
        Assert.Equal(timeSteps, replica.TimeSteps);
        var input = GeneratedNetworkTests.RandomVector(batch * network.InputSize, seed: 3);
        var expected = new float[batch * network.OutputSize];
        var actual = new float[expected.Length];
        network.Forward(input, expected, batch, training: true);
        replica.Forward(input, actual, batch, training: true);
        Assert.Equal(expected, actual);
        network.Backward(expected, Span<float>.Empty, batch);
        replica.Backward(actual, Span<float>.Empty, batch);
        Assert.True(network.Gradients.SequenceEqual(replica.Gradients));
    }

    [Fact]
    public void Backward_without_a_training_forward_is_refused()
    {
        using var parallel = new DataParallelNetwork(new MlpNetwork(seed: 1), threads: 2);
        var input = new float[8 * MlpNetwork.InputSize];
        var output = new float[8 * MlpNetwork.OutputSize];
        parallel.Forward(input, output, 8, training: false);
        Assert.Throws<InvalidOperationException>(() => parallel.Backward(output, Span<float>.Empty, 8));
    }

    internal static INetwork Create(string name) => name switch
    {
        nameof(FashionCnn) => new FashionCnn(seed: 1),
        nameof(MlpNetwork) => new MlpNetwork(seed: 1),
        nameof(DeepSoftmax) => new DeepSoftmax(seed: 1),
        nameof(DropoutMlp) => new DropoutMlp(seed: 1),
        _ => throw new ArgumentException(name),
    };

    private static (float[] Output, float[] InputGradient) Step(INetwork network, float[] input, float[] outputGradient, int batch)
    {
        var output = new float[outputGradient.Length];
        var inputGradient = new float[input.Length];
        network.Forward(input, output, batch, training: true);
        network.Backward(outputGradient, inputGradient, batch);
        return (output, inputGradient);
    }

    // Steps of SGD with momentum on a fixed random batch of 16 with one-hot targets; the losses before each update.
    private static float[] Train(INetwork network, int steps)
    {
        const int batch = 16;
        var trainer = new Trainer(network, network.OutputActivation == Activation.Softmax ? new SoftmaxCrossEntropyLoss() : new MeanSquaredErrorLoss(), new SgdMomentumOptimizer(0.01f, 0.9f));
        var inputs = GeneratedNetworkTests.RandomVector(batch * network.InputSize, seed: 11);
        var targets = new float[batch * network.OutputSize];
        for (int b = 0; b < batch; b++) targets[b * network.OutputSize + b % network.OutputSize] = 1;
        return Enumerable.Range(0, steps).Select(_ => trainer.TrainStep(inputs, targets, batch)).ToArray();
    }

    internal static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        float scale = Math.Max(1e-3f, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f * scale, $"{what}[{i}]: {actual[i]} split, {expected[i]} on one thread");
        }
    }
}
