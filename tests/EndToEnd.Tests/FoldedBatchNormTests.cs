using System;
using System.IO;
using System.Linq;
using DslNet.Tests.Shared;
using Xunit;
using static DslNet.EndToEnd.Tests.ReferenceLayer;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// A BatchNorm folded into the Conv2D or Dense layer before it at inference: the output against the unfolded layers
/// in double precision, with gains of both signs (a negative scale reverses a pooling's order), and after every way
/// the parameters change behind the network's back (an optimiser step and the running statistics a training pass
/// moves, a direct edit, a checkpoint load, a new initialisation): nothing folded may go stale.
/// </summary>
public sealed class FoldedBatchNormTests
{
    public static TheoryData<string> Networks => new() { nameof(FoldedConvPoolNorm), nameof(FoldedDirectConvNorm), nameof(FoldedStridedConvNorm), nameof(FoldedPanelDenseNorm) };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Inference_matches_the_unfolded_layers(string name)
    {
        var (network, reference) = Create(name);
        Randomise(network, seed: 21);
        // 17 rows: a panel product multiplies from panels from 16 rows on.
        foreach (int batch in new[] { 1, 5, 17 })
        {
            AssertMatchesReference(network, reference, batch, seed: 30 + batch, name);
        }
    }

    [Fact]
    public void Inference_follows_an_optimiser_step_and_the_running_statistics_training_moves()
    {
        var (network, reference) = Create(nameof(FoldedConvPoolNorm));
        Randomise(network, seed: 22);
        var before = AssertMatchesReference(network, reference, batch: 4, seed: 40, "before");

        var x = GeneratedNetworkTests.RandomVector(6 * network.InputSize, seed: 41);
        var y = new float[6 * network.OutputSize];
        var optimizer = new AdamOptimizer(0.05f);
        optimizer.Bind(network.Layout);
        network.Forward(x, y, 6, training: true);
        network.ZeroGradients();
        network.Backward(GeneratedNetworkTests.RandomVector(y.Length, seed: 42), Span<float>.Empty, 6);
        optimizer.Step(network.Parameters, network.Gradients);

        var after = AssertMatchesReference(network, reference, batch: 4, seed: 40, "after a step");
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void Inference_follows_edits_of_the_parameters()
    {
        var (network, reference) = Create(nameof(FoldedConvPoolNorm));
        Randomise(network, seed: 23);
        var before = AssertMatchesReference(network, reference, batch: 3, seed: 50, "before");
        var layout = network.Layout.ToList();
        // Each input of the fold changed in place: a gain turned negative, a bias, a running mean, a running variance,
        // and the producing layer's own bias.
        foreach (var (layer, part) in new[] { ("batchnorm2", "gain"), ("batchnorm2", "bias"), ("batchnorm2", "runningMean"), ("batchnorm2", "runningVariance"), ("conv2d1", "bias"), ("batchnorm6", "gain") })
        {
            var slice = layout.Single(s => s.Layer == layer && s.Name == part);
            var values = network.Parameters.Slice(slice.Offset, slice.Length);
            for (int i = 0; i < values.Length; i++) values[i] = part == "gain" ? -values[i] : part == "runningVariance" ? values[i] * 3 : values[i] + 0.25f;
            var after = AssertMatchesReference(network, reference, batch: 3, seed: 50, $"after editing {layer}.{part}");
            Assert.NotEqual(before, after);
            before = after;
        }
    }

    [Fact]
    public void Inference_follows_a_checkpoint_load_and_a_new_initialisation()
    {
        var (network, reference) = Create(nameof(FoldedConvPoolNorm));
        Randomise(network, seed: 24);
        var source = new FoldedConvPoolNorm(seed: 5, batchCapacity: 2);
        Randomise(source, seed: 25);
        var before = AssertMatchesReference(network, reference, batch: 2, seed: 60, "before");

        string path = Path.Combine(Path.GetTempPath(), $"dslnet-folded-{Guid.NewGuid():N}.ckpt");
        try
        {
            Checkpoint.Save(path, source);
            Checkpoint.Load(path, network);
        }
        finally
        {
            File.Delete(path);
        }
        var loaded = AssertMatchesReference(network, reference, batch: 2, seed: 60, "after a load");
        Assert.NotEqual(before, loaded);

        network.InitializeParameters(9);
        var initialised = AssertMatchesReference(network, reference, batch: 2, seed: 60, "after InitializeParameters");
        Assert.NotEqual(loaded, initialised);
    }

    [Fact]
    public void The_pass_with_the_pooling_equals_the_folded_convolution_then_the_pooling_bit_for_bit()
    {
        INetwork fused = new FoldedPooledConv(seed: 5), separate = new FoldedConvThenPool(seed: 6);
        Randomise(fused, seed: 26);
        fused.Parameters.CopyTo(separate.Parameters);
        foreach (int batch in new[] { 1, 2, 5 })
        {
            var input = GeneratedNetworkTests.RandomVector(batch * fused.InputSize, seed: 70 + batch);
            float[] expected = new float[batch * fused.OutputSize], actual = new float[batch * fused.OutputSize];
            separate.Forward(input, expected, batch);
            fused.Forward(input, actual, batch);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                    $"batch {batch}, output {i}: separate layers {expected[i]:R}, one pass {actual[i]:R}");
            }
            Assert.Contains(actual, v => v > 0);
            Assert.Contains(actual, v => v == 0);
        }
    }

    [Fact]
    public void Folded_inference_allocates_nothing_after_warm_up()
    {
        var network = new FoldedConvPoolNorm(seed: 3, batchCapacity: 4);
        var x = GeneratedNetworkTests.RandomVector(4 * FoldedConvPoolNorm.InputSize, seed: 80);
        var y = new float[4 * FoldedConvPoolNorm.OutputSize];
        for (int i = 0; i < 20; i++) network.Forward(x, y, 4);
        SteadyStateAllocation.AssertZero(() =>
        {
            for (int i = 0; i < 200; i++) network.Forward(x, y, 4);
        });
    }

    private static (INetwork Network, ReferenceNetwork Reference) Create(string name)
    {
        switch (name)
        {
            case nameof(FoldedConvPoolNorm):
            {
                var network = new FoldedConvPoolNorm(seed: 3, batchCapacity: 2);
                return (network, new ReferenceNetwork(network, [2, 10, 12],
                    Conv(9, 3), BatchNormInference(activation: Activation.ReLU), MaxPool(2, 2), Flatten(), Dense(7), BatchNormInference(1e-3), Dense(3)));
            }
            case nameof(FoldedDirectConvNorm):
            {
                var network = new FoldedDirectConvNorm(seed: 3, batchCapacity: 2);
                return (network, new ReferenceNetwork(network, [3, 6, 13], Conv(10, 3), BatchNormInference(activation: Activation.Tanh), Flatten(), Dense(4)));
            }
            case nameof(FoldedStridedConvNorm):
            {
                var network = new FoldedStridedConvNorm(seed: 3, batchCapacity: 2);
                return (network, new ReferenceNetwork(network, [2, 7, 7],
                    Conv(5, 3, same: true), BatchNormInference(activation: Activation.ReLU), MaxPool(2, 2), Conv(4, 2, stride: 2), BatchNormInference(), Flatten(), Dense(3)));
            }
            default:
            {
                var network = new FoldedPanelDenseNorm(seed: 3, batchCapacity: 2);
                return (network, new ReferenceNetwork(network, [256], Dense(1030), BatchNormInference(activation: Activation.ReLU), Dense(3)));
            }
        }
    }

    /// <summary>Gains of both signs, biases, running means and variances away from their start, and nonzero biases everywhere.</summary>
    private static void Randomise(INetwork network, int seed)
    {
        var random = new Random(seed);
        var p = network.Parameters;
        foreach (var slice in network.Layout)
        {
            for (int i = slice.Offset; i < slice.Offset + slice.Length; i++)
            {
                p[i] = slice.Name switch
                {
                    "gain" => (float)((random.NextDouble() < 0.3 ? -1 : 1) * (0.5 + random.NextDouble())),
                    "runningMean" => (float)(random.NextDouble() - 0.5),
                    "runningVariance" => (float)(0.2 + 2 * random.NextDouble()),
                    "bias" => (float)(random.NextDouble() - 0.5),
                    _ => p[i],
                };
            }
        }
    }

    /// <summary>Runs inference on a random batch, checks every output against the reference, and returns the outputs.</summary>
    private static float[] AssertMatchesReference(INetwork network, ReferenceNetwork reference, int batch, int seed, string label)
    {
        var x = GeneratedNetworkTests.RandomVector(batch * network.InputSize, seed);
        var y = new float[batch * network.OutputSize];
        network.Forward(x, y, batch);
        for (int b = 0; b < batch; b++)
        {
            var sample = x.Skip(b * network.InputSize).Take(network.InputSize).Select(v => (double)v).ToArray();
            var expected = reference.Forward(network.Parameters, sample)[^1];
            for (int j = 0; j < expected.Length; j++)
            {
                double actual = y[b * network.OutputSize + j];
                Assert.True(Math.Abs(expected[j] - actual) <= 1e-4 * Math.Max(1, Math.Abs(expected[j])),
                    $"{network.GetType().Name}, {label}, batch {batch}, output[{b}, {j}]: reference {expected[j]}, network {actual}");
            }
        }
        return y;
    }
}
