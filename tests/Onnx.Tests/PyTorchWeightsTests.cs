using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DslNet.EndToEnd.Tests;
using Xunit;

namespace DslNet.Onnx.Tests;

/// <summary>PyTorch state_dicts into DslNet networks and back, on tensors built by hand.</summary>
public sealed class PyTorchWeightsTests
{
    private static float[] Counting(int count, float start = 1) => Enumerable.Range(0, count).Select(i => start + i).ToArray();

    [Fact]
    public void Linear_weights_are_transposed_into_dense_layers()
    {
        var network = new NamedLayers(seed: 1); // 4 → hidden 12 → classes 3
        var tensors = new Dictionary<string, SafetensorsTensor>
        {
            ["fc1.weight"] = new([12, 4], Counting(48)),
            ["fc1.bias"] = new([12], Counting(12, 100)),
            ["fc2.weight"] = new([3, 12], Counting(36, 200)),
            ["fc2.bias"] = new([3], Counting(3, 300)),
        };
        PyTorchWeights.Load(network, tensors, new Dictionary<string, string> { ["hidden"] = "fc1", ["classes"] = "fc2" });
        var weight = network.Layout.Single(s => s.Layer == "hidden" && s.Name == "weight");
        // DslNet's W[in, out] is PyTorch's weight[out, in].
        for (int i = 0; i < 4; i++)
            for (int o = 0; o < 12; o++)
                Assert.Equal(tensors["fc1.weight"].Values[o * 4 + i], network.Parameters[weight.Offset + i * 12 + o]);
        var bias = network.Layout.Single(s => s.Layer == "classes" && s.Name == "bias");
        Assert.Equal([300f, 301, 302], network.Parameters.Slice(bias.Offset, 3).ToArray());
    }

    [Fact]
    public void Lstm_gates_are_reordered_and_the_two_biases_summed()
    {
        var network = new LstmTagger(timeSteps: 2, seed: 1); // Lstm(5) over 3 features, then Dense(2)
        const int u = 5, n = 3;
        // PyTorch's gate blocks are i, f, g, o: block q holds the value 10·(q + 1) everywhere, so each is recognisable.
        float[] Blocks(int width) => Enumerable.Range(0, 4 * u * width).Select(i => 10f * (i / (u * width) + 1)).ToArray();
        var tensors = new Dictionary<string, SafetensorsTensor>
        {
            ["lstm1.weight_ih_l0"] = new([4 * u, n], Blocks(n)),
            ["lstm1.weight_hh_l0"] = new([4 * u, u], Blocks(u)),
            ["lstm1.bias_ih_l0"] = new([4 * u], Blocks(1)),
            ["lstm1.bias_hh_l0"] = new([4 * u], Enumerable.Repeat(1f, 4 * u).ToArray()),
            ["dense2.weight"] = new([2, u], Counting(10)),
            ["dense2.bias"] = new([2], Counting(2)),
        };
        PyTorchWeights.Load(network, tensors);
        var bias = network.Layout.Single(s => s.Layer == "lstm1" && s.Name == "bias");
        var weight = network.Layout.Single(s => s.Layer == "lstm1" && s.Name == "weight");
        // DslNet's blocks are i, f, o, g: PyTorch's i (10), f (20), o (40), g (30); the biases add 1.
        float[] expected = [11, 21, 41, 31];
        for (int block = 0; block < 4; block++)
        {
            Assert.All(network.Parameters.Slice(bias.Offset + block * u, u).ToArray(), v => Assert.Equal(expected[block], v));
            for (int k = 0; k < n; k++) Assert.Equal(expected[block] - 1, network.Parameters[weight.Offset + k * 4 * u + block * u]);
        }
        // Saving writes the summed bias as bias_ih and zeros as bias_hh; loading that gives the same parameters.
        var saved = PyTorchWeights.ToStateDict(network);
        Assert.All(saved["lstm1.bias_hh_l0"].Values, v => Assert.Equal(0f, v));
        Assert.Equal(tensors["lstm1.weight_ih_l0"].Values, saved["lstm1.weight_ih_l0"].Values);
    }

    [Fact]
    public void Every_reference_network_survives_save_and_load()
    {
        string path = Path.Combine(Path.GetTempPath(), $"dslnet-weights-{Guid.NewGuid():N}.safetensors");
        try
        {
            foreach (var type in ReferenceNetworks.Types)
            {
                var network = ReferenceNetworks.Create(type.Name);
                var original = network.Parameters.ToArray();
                PyTorchWeights.Save(network, path);
                network.Parameters.Clear();
                PyTorchWeights.Load(network, path);
                Assert.True(original.AsSpan().SequenceEqual(network.Parameters), type.Name);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_tensor_is_named_and_nothing_changes()
    {
        var network = new TinyLinear(seed: 1); // 5 → 7 → 3
        var before = network.Parameters.ToArray();
        var tensors = new Dictionary<string, SafetensorsTensor>(PyTorchWeights.ToStateDict(network));
        tensors.Remove("dense2.bias");
        foreach (var tensor in tensors.Values) Array.Fill(tensor.Values, 9f);
        var error = Assert.Throws<InvalidDataException>(() => PyTorchWeights.Load(network, tensors));
        Assert.StartsWith("Tensor 'dense2.bias' [3] is missing", error.Message);
        Assert.True(before.AsSpan().SequenceEqual(network.Parameters));
    }

    [Fact]
    public void A_wrong_shape_is_named_with_both_shapes()
    {
        var network = new TinyLinear(seed: 1);
        var tensors = new Dictionary<string, SafetensorsTensor>(PyTorchWeights.ToStateDict(network))
        {
            // A Dense weight left as [in, out] instead of Linear's [out, in].
            ["dense1.weight"] = new([5, 7], new float[35]),
        };
        var error = Assert.Throws<InvalidDataException>(() => PyTorchWeights.Load(network, tensors));
        Assert.Equal("Tensor 'dense1.weight' has shape [5, 7]; the network needs [7, 5].", error.Message);
    }

    [Fact]
    public void An_unused_tensor_is_named()
    {
        var network = new TinyLinear(seed: 1);
        var tensors = new Dictionary<string, SafetensorsTensor>(PyTorchWeights.ToStateDict(network))
        {
            ["dense3.weight"] = new([2, 3], new float[6]),
        };
        var error = Assert.Throws<InvalidDataException>(() => PyTorchWeights.Load(network, tensors));
        Assert.StartsWith("Tensor 'dense3.weight' [2, 3] is not used by the network", error.Message);
    }

    [Fact]
    public void A_file_error_names_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"dslnet-weights-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => PyTorchWeights.Load(new TinyLinear(seed: 1), path));
            Assert.StartsWith(path + ": ", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
