using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using DslNet.Onnx.Protobuf;
using Google.Protobuf;

namespace DslNet.Onnx.Export;

/// <summary>
/// Adds nodes, initializers and constants to an ONNX graph, giving every intermediate tensor a unique name under the
/// layer that made it (<c>dense1/MatMul_0</c>), so a viewer such as Netron groups them by layer.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _counter;

    public GraphProto Graph { get; } = new();

    /// <summary>A name not used yet, from <paramref name="hint"/>.</summary>
    public string Unique(string hint)
    {
        string name = hint;
        while (!_names.Add(name)) name = $"{hint}_{_counter++}";
        return name;
    }

    /// <summary>Adds one node with one output, named after <paramref name="scope"/> and the operator.</summary>
    public string Node(string scope, string op, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        Node(scope, op, inputs, 1, attributes)[0];

    /// <summary>Adds one node with <paramref name="outputs"/> outputs; an empty input name is an omitted optional input.</summary>
    public string[] Node(string scope, string op, IEnumerable<string> inputs, int outputs, params AttributeProto[] attributes)
    {
        string name = Unique($"{scope}/{op}");
        var node = new NodeProto { Name = name, OpType = op };
        node.Input.AddRange(inputs);
        var names = new string[outputs];
        for (int i = 0; i < outputs; i++)
        {
            names[i] = outputs == 1 ? Unique(name + ":0") : Unique($"{name}:{i}");
            node.Output.Add(names[i]);
        }
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return names;
    }

    /// <summary>A float initializer, the values little-endian in raw_data.</summary>
    public string Floats(string name, IReadOnlyList<long> dims, ReadOnlySpan<float> values)
    {
        CheckCount(name, dims, values.Length);
        CheckLittleEndian();
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)) };
        tensor.Dims.AddRange(dims);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A double initializer.</summary>
    public string Doubles(string name, IReadOnlyList<long> dims, ReadOnlySpan<double> values)
    {
        CheckCount(name, dims, values.Length);
        CheckLittleEndian();
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Double, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)) };
        tensor.Dims.AddRange(dims);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A 1-D int64 initializer (shapes, axes, indices).</summary>
    public string Int64s(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A scalar int64 initializer.</summary>
    public string Int64Scalar(string name, long value)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Int64Data.Add(value);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A scalar float initializer.</summary>
    public string FloatScalar(string name, float value)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Float };
        tensor.FloatData.Add(value);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A graph input or output: a tensor of <paramref name="type"/> whose axes are a size or a symbolic name.</summary>
    public static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, IEnumerable<object> axes)
    {
        var shape = new TensorShapeProto();
        foreach (var axis in axes)
        {
            shape.Dim.Add(axis is string symbol
                ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(axis) });
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    /// <summary>raw_data is little-endian: the bytes of the values as they are in memory only on such a machine.</summary>
    private static void CheckLittleEndian()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw_data is little-endian; this exporter writes it on little-endian machines only.");
    }

    private static void CheckCount(string name, IReadOnlyList<long> dims, int count)
    {
        long expected = dims.Aggregate(1L, (product, d) => product * d);
        if (expected != count) throw new InvalidOperationException($"Initializer '{name}' has {count} values for shape [{string.Join(", ", dims)}] ({expected}).");
    }
}
