using System;
using System.Collections.Generic;
using System.Linq;

namespace DslNet.Onnx.Export;

/// <summary>What every layer's export reads and writes: the graph, the network's parameters, and the sequence axes (null for a network without a time axis).</summary>
internal sealed class ExportContext(OnnxGraphBuilder graph, NetworkParameters parameters, SequenceAxes? sequence)
{
    public OnnxGraphBuilder Graph { get; } = graph;

    public NetworkParameters Parameters { get; } = parameters;

    /// <summary>The time axis' tensors; only a sequence network has them.</summary>
    public SequenceAxes Sequence => sequence ?? throw new InvalidOperationException("A layer that needs a time axis is in a network whose input is not a sequence.");

    /// <summary>A parameter slice as an initializer named after the layout (<c>dense1.weight</c>), its shape unchanged.</summary>
    public string Initializer(string layer, string part, params int[] shape)
    {
        var slice = Parameters.Slice(layer, part, shape);
        return Graph.Floats($"{layer}.{part}", shape.Select(d => (long)d).ToArray(), Parameters.Values(slice));
    }

    /// <summary>
    /// A parameter slice rearranged for ONNX (a transposed kernel, reordered gates) under the layout's name:
    /// <paramref name="convert"/> fills the ONNX tensor of <paramref name="onnxShape"/> from the slice's values.
    /// </summary>
    public string ConvertedInitializer(string layer, string part, int[] shape, IReadOnlyList<long> onnxShape, Action<ReadOnlySpan<float>, float[]> convert)
    {
        var slice = Parameters.Slice(layer, part, shape);
        var values = new float[onnxShape.Aggregate(1L, (product, d) => product * d)];
        convert(Parameters.Values(slice), values);
        return Graph.Floats($"{layer}.{part}", onnxShape, values);
    }

    /// <summary>The activation's node on <paramref name="x"/>, or <paramref name="x"/> itself for Linear.</summary>
    public string Activate(string scope, string x, Activation activation) => activation switch
    {
        Activation.Linear => x,
        Activation.ReLU => Graph.Node(scope, "Relu", [x]),
        Activation.Sigmoid => Graph.Node(scope, "Sigmoid", [x]),
        Activation.Tanh => Graph.Node(scope, "Tanh", [x]),
        Activation.Softmax => Graph.Node(scope, "Softmax", [x], OnnxGraphBuilder.Int("axis", -1)),
        _ => throw new NotSupportedException($"{scope}: activation {activation} has no ONNX form in this exporter."),
    };

    /// <summary>A sequence [batch, T, ...dims] as frames [batch·T, ...dims], for a layer that works on one sample.</summary>
    public string ToFrames(string scope, OnnxValue x) =>
        Graph.Node(scope, "Reshape", [x.Name, Graph.Int64s(scope + "/frames", [-1, .. x.Dims.Select(d => (long)d)])]);

    /// <summary>Frames [batch·T, ...dims] back into the sequence [batch, T, ...dims] whose batch and time <paramref name="like"/> has.</summary>
    public string FromFrames(string scope, string frames, OnnxValue like, IReadOnlyList<int> dims)
    {
        string batchAndTime = Graph.Node(scope, "Shape", [like.Name], OnnxGraphBuilder.Int("start", 0), OnnxGraphBuilder.Int("end", 2));
        string shape = Graph.Node(scope, "Concat", [batchAndTime, Graph.Int64s(scope + "/step", dims.Select(d => (long)d).ToArray())], OnnxGraphBuilder.Int("axis", 0));
        return Graph.Node(scope, "Reshape", [frames, shape]);
    }
}
