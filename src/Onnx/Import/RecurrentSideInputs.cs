using System;
using System.Collections.Generic;
using System.Linq;
using DslNet.Onnx.Protobuf;

namespace DslNet.Onnx.Import;

/// <summary>
/// What a recurrent node reads besides its input and weights: the initial states, which PyTorch's exporter computes as
/// zeros of shape [1, batch, units] from the input's <c>Shape</c> (<c>ConstantOfShape</c>, or a zero constant
/// <c>Expand</c>ed, <c>Slice</c>d per layer), and <c>sequence_lens</c>, a graph input of lengths through <c>Cast</c>s
/// (<c>pack_padded_sequence</c> with <c>enforce_sorted=True</c>; DslNet's own export). These nodes are off the chain of
/// layers: they are found here, checked (the states must be zeros: DslNet's layers start from zero states), and skipped
/// by the importer.
/// </summary>
internal sealed class RecurrentSideInputs
{
    private readonly Dictionary<string, NodeProto> _producers;
    private readonly IReadOnlyDictionary<string, TensorProto> _initializers;

    private RecurrentSideInputs(IReadOnlyList<NodeProto> nodes, IReadOnlyDictionary<string, TensorProto> initializers)
    {
        _producers = new(StringComparer.Ordinal);
        foreach (var node in nodes) foreach (var output in node.Output) _producers[output] = node;
        _initializers = initializers;
    }

    /// <summary>The nodes that compute initial states or carry the lengths: not layers.</summary>
    public HashSet<NodeProto> Nodes { get; } = [];

    /// <summary>
    /// Step masks: float tensors that are 1 for the steps before each sample's length and 0 past it (DslNet's own export
    /// multiplies a sequence output by one), computed from the lengths input and the time axis.
    /// </summary>
    public HashSet<string> StepMasks { get; } = new(StringComparer.Ordinal);

    /// <summary>The graph input the recurrent nodes read as <c>sequence_lens</c>, if any.</summary>
    public string? Lengths { get; private set; }

    public static RecurrentSideInputs Find(IReadOnlyList<NodeProto> nodes, IReadOnlyDictionary<string, TensorProto> initializers, IReadOnlyCollection<string> graphInputs)
    {
        var side = new RecurrentSideInputs(nodes, initializers);
        foreach (var node in nodes.Where(n => n.OpType is "LSTM" or "RNN" or "GRU"))
        {
            string name = $"Node '{node.Name}' ({node.OpType})";
            int last = node.OpType == "LSTM" ? 6 : 5;
            for (int index = 5; index <= last && index < node.Input.Count; index++)
            {
                string state = node.Input[index];
                if (state.Length == 0) continue;
                if (!side.IsZero(state))
                    throw new NotSupportedException($"{name}: {(index == 5 ? "initial_h" : "initial_c")} ('{state}') is not zeros: DslNet's recurrent layers start every sequence from zero states, so a given initial state does not import.");
                side.Collect(state);
            }
            if (node.Input.Count > 4 && node.Input[4].Length > 0) side.Lengths = side.TraceLengths(node.Input[4], name, graphInputs);
        }
        if (side.Lengths is { } lengths)
        {
            foreach (var mul in nodes.Where(n => n.OpType == "Mul" && n.Input.Count == 2))
            {
                foreach (var factor in mul.Input.Where(f => side.IsStepMask(f, lengths)))
                {
                    side.StepMasks.Add(factor);
                    side.Collect(factor);
                }
            }
        }
        return side;
    }

    /// <summary>Whether the tensor is Cast(Less(positions 0..T−1, lengths)) with unsqueezed axes and casts around its parts: 1 inside each length, 0 past it.</summary>
    private bool IsStepMask(string tensor, string lengths)
    {
        var less = Strip(tensor, "Unsqueeze", "Cast");
        if (less is not { OpType: "Less" }) return false;
        var positions = Strip(less.Input[0], "Unsqueeze");
        return StripName(less.Input[1], "Unsqueeze", "Cast") == lengths && positions is { OpType: "Range" } range && IsScalar(range.Input[0], 0) && IsScalar(range.Input[2], 1);
    }

    /// <summary>The node that makes the tensor, past any nodes of the given operators (null for an input or initializer).</summary>
    private NodeProto? Strip(string tensor, params string[] operators)
    {
        string name = StripName(tensor, operators);
        return _producers.TryGetValue(name, out var node) ? node : null;
    }

    private string StripName(string tensor, params string[] operators)
    {
        while (_producers.TryGetValue(tensor, out var node) && operators.Contains(node.OpType)) tensor = node.Input[0];
        return tensor;
    }

    private bool IsScalar(string tensor, long value)
    {
        if (!_initializers.TryGetValue(tensor, out var t) || t.Dims.Aggregate(1L, (p, d) => p * d) != 1) return false;
        if (t.DataType == (int)TensorProto.Types.DataType.Int64)
            return (t.RawData.Length > 0 ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(t.RawData.Span)[0] : t.Int64Data[0]) == value;
        if (t.DataType == (int)TensorProto.Types.DataType.Int32)
            return (t.RawData.Length > 0 ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(t.RawData.Span)[0] : t.Int32Data[0]) == value;
        return false;
    }

    /// <summary>Whether the tensor is all zeros whatever its shape: a zero constant, or zeros reshaped, expanded, sliced or filled.</summary>
    private bool IsZero(string tensor)
    {
        if (_initializers.TryGetValue(tensor, out var constant)) return IsZero(constant);
        if (!_producers.TryGetValue(tensor, out var node)) return false;
        return node.OpType switch
        {
            "ConstantOfShape" => node.Attribute.FirstOrDefault(a => a.Name == "value")?.T is not { } value || IsZero(value),
            "Expand" or "Slice" or "Reshape" or "Unsqueeze" or "Squeeze" or "Transpose" or "Cast" or "Identity" => IsZero(node.Input[0]),
            "Gather" => IsZero(node.Input[0]),
            _ => false,
        };
    }

    private static bool IsZero(TensorProto tensor)
    {
        if (tensor.RawData.Length > 0) return tensor.RawData.Span.IndexOfAnyExcept((byte)0) < 0;
        return tensor.FloatData.All(v => v == 0) && tensor.Int64Data.All(v => v == 0) && tensor.Int32Data.All(v => v == 0) && tensor.DoubleData.All(v => v == 0);
    }

    /// <summary>Marks the nodes that compute <paramref name="tensor"/>, back to the inputs; a <c>Shape</c> reads only its input's shape, so the walk stops there.</summary>
    private void Collect(string tensor)
    {
        if (!_producers.TryGetValue(tensor, out var node) || !Nodes.Add(node) || node.OpType == "Shape") return;
        foreach (var input in node.Input.Where(i => i.Length > 0)) Collect(input);
    }

    private string TraceLengths(string tensor, string name, IReadOnlyCollection<string> graphInputs)
    {
        string current = tensor;
        while (!graphInputs.Contains(current))
        {
            if (!_producers.TryGetValue(current, out var node))
                throw new NotSupportedException($"{name}: sequence_lens '{tensor}' must be a graph input of lengths (through Cast nodes).");
            if (node.OpType != "Cast")
                throw new NotSupportedException($"{name}: sequence_lens comes from node '{node.Name}' ({node.OpType}), not from a graph input of lengths; " +
                    "DslNet imports the lengths as PyTorch exports pack_padded_sequence with enforce_sorted=True (sort the batch longest first), not the sorting and unsorting enforce_sorted=False adds.");
            Nodes.Add(node);
            current = node.Input[0];
        }
        if (Lengths is not null && Lengths != current)
            throw new NotSupportedException($"{name}: sequence_lens reads the graph input '{current}', another recurrent node reads '{Lengths}': DslNet has one lengths input.");
        return current;
    }
}
