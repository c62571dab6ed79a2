using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DslNet.EndToEnd.Tests;
using DslNet.Onnx.Protobuf;
using Xunit;

namespace DslNet.Onnx.Tests;

/// <summary>What the exported model says about itself: names, axes, metadata; ONNX's checker; unsupported layers.</summary>
public sealed class OnnxModelTests
{
    private static ModelProto Export(IDescribedNetwork network)
    {
        using var stream = new MemoryStream();
        OnnxExport.Save(network, stream);
        return ModelProto.Parser.ParseFrom(stream.ToArray());
    }

    [Fact]
    public void Initializers_are_named_after_the_layout_and_hold_its_values()
    {
        var network = ReferenceNetworks.Create(nameof(NamedLayers));
        var model = Export(network);
        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name);
        foreach (var slice in network.Layout)
        {
            var tensor = initializers[$"{slice.Layer}.{slice.Name}"];
            Assert.Equal(slice.Shape.Select(d => (long)d), tensor.Dims);
            var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(tensor.RawData.Span);
            Assert.True(values.SequenceEqual(network.Parameters.Slice(slice.Offset, slice.Length)), slice.ToString());
        }
        Assert.Contains("hidden.weight", initializers.Keys);
        Assert.Contains("classes.bias", initializers.Keys);
    }

    [Fact]
    public void Model_declares_opset_17_dynamic_axes_and_the_layer_table()
    {
        var model = Export(ReferenceNetworks.Create(nameof(TokenLstmClassifier)));
        Assert.Equal(17, model.OpsetImport.Single(o => o.Domain == "").Version);
        Assert.Equal("DslNet", model.ProducerName);
        var input = model.Graph.Input.Single(i => i.Name == "input").Type.TensorType.Shape.Dim;
        Assert.Equal(["batch", "time"], input.Select(d => d.DimParam));
        var lengths = model.Graph.Input.Single(i => i.Name == "lengths").Type.TensorType;
        Assert.Equal((int)TensorProto.Types.DataType.Int32, lengths.ElemType);
        var output = model.Graph.Output.Single().Type.TensorType.Shape.Dim;
        Assert.Equal("batch", output[0].DimParam);
        Assert.Equal(3, output[1].DimValue);
        Assert.Contains("lstm2", model.Graph.DocString);
        Assert.Contains("embedding1  Embedding  [time]     [time, 4]", model.Graph.DocString);
        Assert.Equal(2, model.Graph.Node.Count(n => n.OpType == "LSTM"));
    }

    [Fact]
    public void Dropout_is_left_out()
    {
        var model = Export(ReferenceNetworks.Create(nameof(DropoutMlp)));
        Assert.DoesNotContain(model.Graph.Node, n => n.OpType == "Dropout");
        Assert.Contains("dropout2", model.Graph.DocString);
    }

    [Fact]
    public void A_layer_without_an_onnx_form_is_named_in_the_error()
    {
        var network = new DescribedStandIn(ReferenceNetworks.Create(nameof(TinyLinear)));
        var error = Assert.Throws<NotSupportedException>(() => Export(network));
        Assert.Contains("'mystery3' (Mystery)", error.Message);
    }

    [OnnxCheckerFact]
    public void Onnx_checker_accepts_every_exported_reference_network()
    {
        string folder = Path.Combine(Path.GetTempPath(), "dslnet-onnx-check-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var type in ReferenceNetworks.Types)
            {
                OnnxExport.Save(ReferenceNetworks.Create(type.Name), Path.Combine(folder, type.Name + ".onnx"));
            }
            var (exitCode, output) = OnnxChecker.CheckFolder(folder);
            Assert.True(exitCode == 0, output);
            Assert.Equal(ReferenceNetworks.Types.Count(), output.Split('\n').Count(line => line.StartsWith("ok ", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record MysteryDescription(string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape)
        : LayerDescription(Name, InputShape, OutputShape, false, false)
    {
        public override string Kind => "Mystery";
    }

    /// <summary>A described network with one layer kind the exporter cannot know: a user's own description record.</summary>
    private sealed class DescribedStandIn(IDescribedNetwork inner) : IDescribedNetwork
    {
        public NetworkDescription Description => inner.Description with
        {
            Layers = [.. inner.Description.Layers, new MysteryDescription("mystery3", [3], [3])],
        };
        public int InputSize => inner.InputSize;
        public int OutputSize => inner.OutputSize;
        public int ParameterCount => inner.ParameterCount;
        public Activation OutputActivation => inner.OutputActivation;
        public Span<float> Parameters => inner.Parameters;
        public Span<float> Gradients => inner.Gradients;
        public ParameterLayout Layout => inner.Layout;
        public void InitializeParameters(int seed) => inner.InitializeParameters(seed);
        public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, bool training = false) => inner.Forward(input, output, batch, training);
        public void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch) => inner.Backward(outputGradient, inputGradient, batch);
        public void BackwardFromPreActivation(ReadOnlySpan<float> preActivationGradient, Span<float> inputGradient, int batch) => inner.BackwardFromPreActivation(preActivationGradient, inputGradient, batch);
        public void ZeroGradients() => inner.ZeroGradients();
    }
}
