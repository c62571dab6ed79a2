using DslNet.Onnx.Protobuf;

namespace DslNet.Onnx.Export;

/// <summary>
/// What a sequence network's graph derives from its time axis and the <c>lengths</c> input: the number of steps, the
/// positions 0..T−1, which steps of each sample are inside its length, and attention's additive key mask. Each is built
/// once, on first use.
/// </summary>
internal sealed class SequenceAxes
{
    private const string Scope = "sequence";
    private readonly OnnxGraphBuilder _graph;
    private readonly string _input;
    private string? _timeVector, _positions, _valid;

    /// <param name="graph">The graph being built.</param>
    /// <param name="input">The network input [batch, time, ...].</param>
    /// <param name="lengths">The <c>lengths</c> input, int32 [batch].</param>
    public SequenceAxes(OnnxGraphBuilder graph, string input, string lengths)
    {
        _graph = graph;
        _input = input;
        Lengths = lengths;
    }

    /// <summary>Each sample's length, int32 [batch] (ONNX RNN and LSTM's <c>sequence_lens</c>).</summary>
    public string Lengths { get; }

    /// <summary>T as a 1-D int64 tensor of one element.</summary>
    public string TimeVector => _timeVector ??= _graph.Node(Scope, "Shape", [_input], OnnxGraphBuilder.Int("start", 1), OnnxGraphBuilder.Int("end", 2));

    /// <summary>0, 1, ..., T − 1 as int64 [T].</summary>
    public string Positions
    {
        get
        {
            if (_positions is not null) return _positions;
            string time = _graph.Node(Scope, "Squeeze", [TimeVector, _graph.Int64s("sequence/axis0", 0)]);
            return _positions = _graph.Node(Scope, "Range", [_graph.Int64Scalar("sequence/zero", 0), time, _graph.Int64Scalar("sequence/one", 1)]);
        }
    }

    /// <summary>Bool [batch, T]: step t of sample b is before its length.</summary>
    public string Valid
    {
        get
        {
            if (_valid is not null) return _valid;
            string lengths = _graph.Node(Scope, "Cast", [Lengths], OnnxGraphBuilder.Int("to", (long)TensorProto.Types.DataType.Int64));
            string column = _graph.Node(Scope, "Unsqueeze", [lengths, _graph.Int64s("sequence/axis1", 1)]);
            string row = _graph.Node(Scope, "Unsqueeze", [Positions, _graph.Int64s("sequence/axis0", 0)]);
            return _valid = _graph.Node(Scope, "Less", [row, column]);
        }
    }

    /// <summary>Float [batch, T, 1, ...] of rank <paramref name="rank"/>: 1 inside each length, 0 past it, to multiply a [batch, T, ...] tensor.</summary>
    public string StepMask(int rank)
    {
        string mask = _graph.Node(Scope, "Cast", [Valid], OnnxGraphBuilder.Int("to", (long)TensorProto.Types.DataType.Float));
        if (rank <= 2) return mask;
        var axes = new long[rank - 2];
        for (int i = 0; i < axes.Length; i++) axes[i] = i + 2;
        return _graph.Node(Scope, "Unsqueeze", [mask, _graph.Int64s("sequence/mask_axes", axes)]);
    }

    /// <summary>
    /// Float [batch, 1, 1 or T, T] to add to attention scores [batch, heads, T, T]: 0 for a key before the sample's length
    /// (and, when <paramref name="causal"/>, not after the query), a large negative value otherwise, so softmax gives it 0.
    /// </summary>
    public string AttentionBias(string scope, bool causal)
    {
        string keys = _graph.Node(scope, "Unsqueeze", [Valid, _graph.Int64s(scope + "/axes12", 1, 2)]);
        if (causal)
        {
            string key = _graph.Node(scope, "Unsqueeze", [Positions, _graph.Int64s(scope + "/axis0", 0)]);
            string query = _graph.Node(scope, "Unsqueeze", [Positions, _graph.Int64s(scope + "/axis1", 1)]);
            string allowed = _graph.Node(scope, "LessOrEqual", [key, query]);
            keys = _graph.Node(scope, "And", [keys, allowed]);
        }
        return _graph.Node(scope, "Where", [keys, _graph.FloatScalar(scope + "/open", 0f), _graph.FloatScalar(scope + "/masked", -1e30f)]);
    }
}
