using System;
using System.IO;
using System.Linq;
using DslNet.Onnx.Protobuf;
using Xunit;

namespace DslNet.Onnx.Tests;

/// <summary>
/// ONNX models written by PyTorch's exporter (Fixtures/*.onnx) import as a declaration and weights: the declaration is
/// the committed Imported/*.dnn (which this project compiles), and that class with the imported weights gives
/// PyTorch's outputs.
/// </summary>
public sealed class OnnxImportTests
{
    private static string File(string folder, string name) => Path.Combine(AppContext.BaseDirectory, folder, name);

    private static void Check(string fixture, string className, IDescribedNetwork network)
    {
        var result = OnnxImport.Import(File("Fixtures", fixture + ".onnx"), "DslNet.Onnx.Tests.Imported." + className);
        string committed = System.IO.File.ReadAllText(File("Imported", className + ".dnn"));
        Assert.True(committed == result.Declaration, "The import now reads:\n" + result.Declaration);
        PyTorchWeights.Load(network, result.Weights);
        var io = Safetensors.Read(File("Fixtures", fixture + ".io.safetensors"));
        var expected = io["output"].Values;
        var actual = new float[expected.Length];
        network.Forward(io["input"].Values, actual, (int)io["input"].Shape[0]);
        Tolerance.AssertClose(expected, actual, fixture + " imported");
    }

    [Fact]
    public void Pytorch_mlp_imports_and_matches_pytorch() => Check("mlp", "Mlp", new Imported.Mlp());

    [Fact]
    public void Pytorch_cnn_imports_and_matches_pytorch() => Check("cnn", "Cnn", new Imported.Cnn());

    [Fact]
    public void An_unsupported_operator_is_named_with_its_node()
    {
        var model = ModelProto.Parser.ParseFrom(System.IO.File.ReadAllBytes(File("Fixtures", "mlp.onnx")));
        var relu = model.Graph.Node.First(n => n.OpType == "Relu");
        relu.OpType = "Gelu";
        var error = Assert.Throws<NotSupportedException>(() => OnnxImport.Import(model, "My.Net", "mlp.onnx"));
        Assert.Equal($"Node '{relu.Name}' (Gelu): DslNet has no layer for the operator Gelu.", error.Message);
    }

    [Fact]
    public void Uneven_padding_that_is_not_same_padding_is_refused()
    {
        var model = ModelProto.Parser.ParseFrom(System.IO.File.ReadAllBytes(File("Fixtures", "cnn.onnx")));
        var conv = model.Graph.Node.First(n => n.OpType == "Conv");
        var pads = conv.Attribute.First(a => a.Name == "pads");
        pads.Ints.Clear();
        pads.Ints.Add([2, 2, 0, 0]);
        var error = Assert.Throws<NotSupportedException>(() => OnnxImport.Import(model, "My.Net", "cnn.onnx"));
        Assert.Contains("pads [2, 2, 0, 0] are neither none nor DslNet's same padding ([1, 1, 1, 1] here)", error.Message);
    }

    [Fact]
    public void A_class_name_that_is_not_a_csharp_name_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => OnnxImport.Import(File("Fixtures", "mlp.onnx"), "My-Net"));
        Assert.Contains("Class name 'My-Net' is not a C# name", error.Message);
    }
}
