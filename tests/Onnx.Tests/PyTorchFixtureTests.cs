using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DslNet.Onnx.Tests.Networks;
using Xunit;

namespace DslNet.Onnx.Tests;

/// <summary>
/// Models made and run by PyTorch (Fixtures/make_fixtures.py): their state_dicts load into the matching DslNet networks,
/// which then give PyTorch's outputs on PyTorch's inputs within the tolerance.
/// </summary>
public sealed class PyTorchFixtureTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static void Check(IDescribedNetwork network, string name, Dictionary<string, string>? modules = null)
    {
        PyTorchWeights.Load(network, Fixture(name + ".safetensors"), modules);
        var io = Safetensors.Read(Fixture(name + ".io.safetensors"));
        var input = io["input"];
        var expected = io["output"].Values;
        int batch = (int)input.Shape[0];
        var actual = new float[expected.Length];
        if (network is ISequenceNetwork sequence)
        {
            sequence.TimeSteps = (int)input.Shape[1];
            var lengths = io["lengths"].Values.Select(v => (int)v).ToArray();
            sequence.Forward(input.Values, actual, batch, lengths);
        }
        else
        {
            network.Forward(input.Values, actual, batch);
        }
        Tolerance.AssertClose(expected, actual, name);
    }

    [Fact]
    public void Mlp_matches_pytorch() => Check(new TorchMlp(), "mlp");

    [Fact]
    public void Cnn_matches_pytorch() =>
        Check(new TorchCnn(), "cnn", new() { ["dense5"] = "head" });

    [Fact]
    public void Cnn_with_upsampling_and_global_pooling_matches_pytorch() => Check(new TorchPooledCnn(), "pooled");

    [Fact]
    public void Lstm_classifier_with_mixed_lengths_matches_pytorch() =>
        Check(new TorchLstmClassifier(timeSteps: 7), "lstm", new() { ["embedding1"] = "embedding", ["lstm2"] = "lstm", ["dense3"] = "head" });

    [Fact]
    public void Cnn_with_integer_padding_matches_pytorch() => Check(new TorchPaddedCnn(), "padded");

    [Fact]
    public void Stacked_gru_with_mixed_lengths_matches_pytorch() => Check(new TorchGruClassifier(timeSteps: 6), "gru");

    [Fact]
    public void Gru_weights_save_as_the_pytorch_state_dict_they_were_loaded_from()
    {
        // Both of PyTorch's GRU biases have a slice of their own: every tensor comes back as it was.
        var network = new TorchGruClassifier(timeSteps: 6);
        PyTorchWeights.Load(network, Fixture("gru.safetensors"));
        var original = Safetensors.Read(Fixture("gru.safetensors"));
        var saved = PyTorchWeights.ToStateDict(network);
        Assert.Equal(original.Keys.Order(), saved.Keys.Order());
        foreach (var name in original.Keys) Assert.Equal(original[name].Values, saved[name].Values);
    }

    [Fact]
    public void Causal_transformer_decoder_matches_pytorch() =>
        Check(new TorchDecoder(timeSteps: 7), "decoder", new() { ["embedding1"] = "tokens", ["transformerblock3"] = "block", ["layernorm4"] = "norm", ["dense5"] = "head" });

    [Fact]
    public void Saved_weights_are_the_pytorch_state_dict_again()
    {
        // Load PyTorch's LSTM weights, save them: the same tensors come back, but bias_ih holds both biases and bias_hh zeros.
        var modules = new Dictionary<string, string> { ["embedding1"] = "embedding", ["lstm2"] = "lstm", ["dense3"] = "head" };
        var network = new TorchLstmClassifier(timeSteps: 7);
        PyTorchWeights.Load(network, Fixture("lstm.safetensors"), modules);
        var original = Safetensors.Read(Fixture("lstm.safetensors"));
        var saved = PyTorchWeights.ToStateDict(network, modules);
        Assert.Equal(original.Keys.Order(), saved.Keys.Order());
        foreach (var name in original.Keys.Where(k => !k.StartsWith("lstm.bias", StringComparison.Ordinal)))
        {
            Assert.Equal(original[name].Values, saved[name].Values);
        }
        var sum = original["lstm.bias_ih_l0"].Values.Zip(original["lstm.bias_hh_l0"].Values, (a, b) => a + b);
        Assert.Equal(sum, saved["lstm.bias_ih_l0"].Values);
    }
}
