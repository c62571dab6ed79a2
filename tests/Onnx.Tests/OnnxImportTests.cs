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
    public void Pytorch_cnn_with_upsampling_and_global_pooling_imports_and_matches_pytorch() => Check("pooled", "Pooled", new Imported.Pooled());

    [Fact]
    public void Pytorch_cnn_with_integer_padding_imports_and_matches_pytorch() => Check("padded", "Padded", new Imported.Padded());

    [Fact]
    public void Resize_with_onnx_default_coordinates_is_the_same_upsampling()
    {
        // half_pixel with round_prefer_floor (ONNX's defaults) also repeats each pixel over a 2 × 2 block.
        var model = Model("pooled");
        var resize = model.Graph.Node.First(n => n.OpType == "Resize");
        RemoveAttributes(resize, "coordinate_transformation_mode", "nearest_mode");
        Assert.Equal(OnnxImport.Import(Model("pooled"), "My.Net", "pooled.onnx").Declaration, OnnxImport.Import(model, "My.Net", "pooled.onnx").Declaration);
    }

    [Fact]
    public void Resize_by_sizes_and_the_older_upsample_operator_are_the_same_upsampling()
    {
        string expected = OnnxImport.Import(Model("pooled"), "My.Net", "pooled.onnx").Declaration;

        // Sizes [batch, channels, 2·5, 2·6] instead of scales.
        var bySizes = Model("pooled");
        var resize = bySizes.Graph.Node.First(n => n.OpType == "Resize");
        var sizes = new TensorProto { Name = "sizes", DataType = (int)TensorProto.Types.DataType.Int64, Dims = { 4 }, Int64Data = { 3, 4, 10, 12 } };
        bySizes.Graph.Initializer.Add(sizes);
        resize.Input[2] = "";
        resize.Input.Add("sizes");
        Assert.Equal(expected, OnnxImport.Import(bySizes, "My.Net", "pooled.onnx").Declaration);

        // Opset 9's Upsample(X, scales), nearest: ⌊i / f⌋ by definition.
        var upsample = Model("pooled");
        resize = upsample.Graph.Node.First(n => n.OpType == "Resize");
        resize.OpType = "Upsample";
        string scales = resize.Input[2];
        resize.Input.RemoveAt(2);
        resize.Input[1] = scales;
        RemoveAttributes(resize, "coordinate_transformation_mode", "nearest_mode", "cubic_coeff_a");
        Assert.Equal(expected, OnnxImport.Import(upsample, "My.Net", "pooled.onnx").Declaration);
    }

    [Fact]
    public void Resize_coordinates_that_do_not_repeat_pixels_are_refused()
    {
        var model = Model("pooled");
        var resize = model.Graph.Node.First(n => n.OpType == "Resize");
        RemoveAttributes(resize, "coordinate_transformation_mode");
        resize.Attribute.Add(new AttributeProto { Name = "coordinate_transformation_mode", Type = AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8("half_pixel") });
        var error = Assert.Throws<NotSupportedException>(() => OnnxImport.Import(model, "My.Net", "pooled.onnx"));
        Assert.Equal($"Node '{resize.Name}' (Resize): with coordinate_transformation_mode 'half_pixel' and nearest_mode 'floor', output pixel 2 reads input pixel 0, not 1: " +
            "that is not DslNet's upsample2d (each value repeated over a 2 × 2 block).", error.Message);
    }

    [Fact]
    public void Resize_other_than_nearest_by_a_whole_number_is_refused()
    {
        var linear = Model("pooled");
        var resize = linear.Graph.Node.First(n => n.OpType == "Resize");
        resize.Attribute.First(a => a.Name == "mode").S = Google.Protobuf.ByteString.CopyFromUtf8("linear");
        Assert.Equal($"Node '{resize.Name}' (Resize): DslNet's upsample2d is nearest-neighbour; found mode 'linear'.",
            Assert.Throws<NotSupportedException>(() => OnnxImport.Import(linear, "My.Net", "pooled.onnx")).Message);

        var fractional = Model("pooled");
        resize = fractional.Graph.Node.First(n => n.OpType == "Resize");
        var scales = fractional.Graph.Node.First(n => n.Output.Contains(resize.Input[2])).Attribute.First(a => a.Name == "value").T;
        scales.RawData = Google.Protobuf.ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes<float>([1f, 1f, 1.5f, 1.5f]));
        Assert.Equal($"Node '{resize.Name}' (Resize): DslNet's upsample2d scales height and width by the same whole number, batch and channels by 1; found scales [1, 1, 1.5, 1.5].",
            Assert.Throws<NotSupportedException>(() => OnnxImport.Import(fractional, "My.Net", "pooled.onnx")).Message);
    }

    [Fact]
    public void A_mean_over_height_and_width_is_a_global_average_pooling()
    {
        // x.mean((2, 3)) in PyTorch exports as ReduceMean(axes [2, 3], keepdims 0): the same network without the Flatten.
        var model = Model("pooled");
        var pool = model.Graph.Node.First(n => n.OpType == "GlobalAveragePool");
        var flatten = model.Graph.Node.First(n => n.OpType == "Flatten");
        pool.OpType = "ReduceMean";
        pool.Attribute.Add(new AttributeProto { Name = "axes", Type = AttributeProto.Types.AttributeType.Ints, Ints = { 2, 3 } });
        pool.Attribute.Add(new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        model.Graph.Node.First(n => n.Input.Contains(flatten.Output[0])).Input[0] = pool.Output[0];
        model.Graph.Node.Remove(flatten);
        Assert.Equal(OnnxImport.Import(Model("pooled"), "My.Net", "pooled.onnx").Declaration, OnnxImport.Import(model, "My.Net", "pooled.onnx").Declaration);
    }

    [Fact]
    public void Global_pooling_must_be_flattened_before_the_next_layer()
    {
        var model = Model("pooled");
        var pool = model.Graph.Node.First(n => n.OpType == "GlobalAveragePool");
        var flatten = model.Graph.Node.First(n => n.OpType == "Flatten");
        var gemm = model.Graph.Node.First(n => n.Input.Contains(flatten.Output[0]));
        gemm.Input[0] = pool.Output[0];
        model.Graph.Node.Remove(flatten);
        var error = Assert.Throws<NotSupportedException>(() => OnnxImport.Import(model, "My.Net", "pooled.onnx"));
        Assert.Equal($"Node '{gemm.Name}' (Gemm) follows Node '{pool.Name}' (GlobalAveragePool), which leaves [batch, channels, 1, 1]: DslNet's global_average_pool2d gives [channels], " +
            "so only a Flatten (or Reshape to [batch, channels]) may come next.", error.Message);
    }

    private static ModelProto Model(string fixture) => ModelProto.Parser.ParseFrom(System.IO.File.ReadAllBytes(File("Fixtures", fixture + ".onnx")));

    private static void RemoveAttributes(NodeProto node, params string[] names)
    {
        foreach (var attribute in node.Attribute.Where(a => names.Contains(a.Name)).ToList()) node.Attribute.Remove(attribute);
    }

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
        Assert.Contains("pads [2, 2, 0, 0] (auto_pad NOTSET) are neither none, nor DslNet's same padding ([1, 1, 1, 1] here), nor the same count of at least 1 on all four sides", error.Message);
    }

    [Fact]
    public void A_class_name_that_is_not_a_csharp_name_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => OnnxImport.Import(File("Fixtures", "mlp.onnx"), "My-Net"));
        Assert.Contains("Class name 'My-Net' is not a C# name", error.Message);
    }
}
