using System.Linq;
using DslNet.EndToEnd.Tests;
using Xunit;

namespace DslNet.Onnx.Tests;

/// <summary>The generated Description agrees with the declaration and with the parameter layout.</summary>
public sealed class NetworkDescriptionTests
{
    [Theory]
    [MemberData(nameof(OnnxRoundTripTests.Networks), MemberType = typeof(OnnxRoundTripTests))]
    public void Shapes_chain_and_every_parameter_belongs_to_a_described_layer(string name)
    {
        var network = ReferenceNetworks.Create(name);
        var description = network.Description;
        var shape = description.InputShape;
        bool sequence = description.IsSequence;
        // A layer reads the one before it, or the layers its Inputs name (the first gives its InputShape).
        var shapes = new System.Collections.Generic.Dictionary<string, System.Collections.Generic.IReadOnlyList<int>> { ["input"] = shape };
        var sequences = new System.Collections.Generic.Dictionary<string, bool> { ["input"] = sequence };
        foreach (var layer in description.Layers)
        {
            Assert.Equal(layer.Inputs.Count == 0 ? shape : shapes[layer.Inputs[0]], layer.InputShape);
            Assert.Equal(layer.Inputs.Count == 0 ? sequence : sequences[layer.Inputs[0]], layer.InputIsSequence);
            shape = layer.OutputShape;
            sequence = layer.OutputIsSequence;
            shapes[layer.Name] = shape;
            sequences[layer.Name] = sequence;
        }
        int outputSize = shape.Aggregate(1, (product, d) => product * d);
        Assert.Equal(sequence ? ((ISequenceNetwork)network).StepOutputSize : network.OutputSize, outputSize);
        var layers = description.Layers.Select(l => l.Name).ToHashSet();
        Assert.All(network.Layout, slice => Assert.Contains(slice.Layer, layers));
    }

    [Fact]
    public void Graph_layers_name_their_inputs_and_stack_layers_name_none()
    {
        var layers = ReferenceNetworks.Create(nameof(SkipMlp)).Description.Layers;
        Assert.Equal(["h1", "dense2", "side", "sum", "concatenate5", "dense6"], layers.Select(l => l.Name));
        Assert.Equal([[], [], ["h1"], ["h1", "dense2", "side"], ["sum", "input"], []], layers.Select(l => l.Inputs.ToArray()));
        Assert.Equal(Activation.Linear, Assert.IsType<AddDescription>(layers[3]).Activation);
        Assert.Equal([12], Assert.IsType<ConcatenateDescription>(layers[4]).OutputShape);
        var block = Assert.IsType<AddDescription>(ReferenceNetworks.Create(nameof(ResidualCnn)).Description.Layers[3]);
        Assert.Equal(Activation.ReLU, block.Activation);
        Assert.Equal(["stem", "conv2d3"], block.Inputs);
    }

    [Fact]
    public void Options_are_described_as_declared()
    {
        var tiny = ReferenceNetworks.Create(nameof(TinyTransformer)).Description;
        Assert.Equal(typeof(TinyTransformer).FullName, tiny.Name);
        var block = Assert.IsType<TransformerBlockDescription>(tiny.Layers[2]);
        Assert.Equal((2, 6, Activation.Tanh, true, 1e-5f), (block.Heads, block.FeedForward, block.Activation, block.Causal, block.Epsilon));
        var top = Assert.IsType<TransformerBlockDescription>(tiny.Layers[3]);
        Assert.Equal(("top", 16, false), (top.Name, top.FeedForward, top.Causal)); // FeedForward resolved to 4·d
        var conv = Assert.IsType<Conv2DDescription>(ReferenceNetworks.Create(nameof(StridedSameCnn)).Description.Layers[0]);
        Assert.Equal((4, 3, 2, Padding.Same, Activation.Tanh), (conv.Filters, conv.KernelSize, conv.Stride, conv.Padding, conv.Activation));
        var lstm = Assert.IsType<LstmDescription>(ReferenceNetworks.Create(nameof(StatefulLstm)).Description.Layers[0]);
        Assert.Equal((3, false, true), (lstm.Units, lstm.ReturnSequences, lstm.Stateful));
        var dropout = Assert.IsType<DropoutDescription>(ReferenceNetworks.Create(nameof(DropoutMlp)).Description.Layers[1]);
        Assert.Equal(0.5, dropout.Rate);
    }
}
