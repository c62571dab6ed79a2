using System;
using System.Linq;

namespace DslNet.Onnx.Export;

/// <summary>
/// SimpleRnn, Lstm and Gru as ONNX's RNN, LSTM and GRU operators with <c>sequence_lens</c>, so each sample stops at
/// its own length (ONNX's Y is zero past it and Y_h is the state at the last step inside it, as in DslNet).
/// DslNet keeps W [inputs, gates·units] and U [units, gates·units] with gate columns i, f, o, g (an LSTM) or r, z, n
/// (a GRU); ONNX wants W [1, gates·units, inputs] and R [1, gates·units, units] transposed, gates i, o, f, c or z, r, h,
/// and two biases: SimpleRnn and Lstm have one, written as the input bias beside a recurrent one of zeros; a Gru has
/// both, and ONNX's GRU with <c>linear_before_reset = 1</c> applies the reset gate after the recurrent product and its
/// bias, as PyTorch (and DslNet) do. The operators run time-major, so the input and a returned sequence are
/// transposed around them.
/// </summary>
internal static class RecurrentExport
{
    /// <summary>For each ONNX gate (i, o, f, c), the DslNet gate column block it comes from (i, f, o, g).</summary>
    private static readonly int[] s_lstmGates = [0, 2, 1, 3];
    private static readonly int[] s_rnnGates = [0];
    /// <summary>For each ONNX gate (z, r, h), the DslNet gate column block it comes from (r, z, n).</summary>
    private static readonly int[] s_gruGates = [1, 0, 2];

    private enum Cell { Simple, Lstm, Gru }

    private static OnnxValue Write(ExportContext context, LayerDescription layer, int units, bool returnSequences, Cell cell, OnnxValue x)
    {
        var graph = context.Graph;
        string scope = layer.Name;
        int n = layer.InputShape[0], u = units;
        var gates = cell switch { Cell.Lstm => s_lstmGates, Cell.Gru => s_gruGates, _ => s_rnnGates };
        int g = gates.Length * u;
        string weight = context.ConvertedInitializer(scope, "weight", [n, g], [1, g, n], (from, to) => Transpose(from, to, n, u, gates));
        string recurrent = context.ConvertedInitializer(scope, "recurrent", [u, g], [1, g, u], (from, to) => Transpose(from, to, u, u, gates));
        string bias = cell == Cell.Gru
            ? GruBias(context, scope, u, gates)
            : context.ConvertedInitializer(scope, "bias", [g], [1, 2 * g], (from, to) => Reorder(from, to.AsSpan(0, g), u, gates));
        string timeMajor = graph.Node(scope, "Transpose", [x.Name], OnnxGraphBuilder.Ints("perm", 1, 0, 2));
        string op = cell switch { Cell.Lstm => "LSTM", Cell.Gru => "GRU", _ => "RNN" };
        var attributes = cell == Cell.Gru
            ? new[] { OnnxGraphBuilder.Int("hidden_size", u), OnnxGraphBuilder.Int("linear_before_reset", 1) }
            : [OnnxGraphBuilder.Int("hidden_size", u)];
        var outputs = graph.Node(scope, op, [timeMajor, weight, recurrent, bias, context.Sequence.Lengths], 2, attributes);
        if (returnSequences)
        {
            // Y [T, 1, batch, units] → [batch, T, units]
            string steps = graph.Node(scope, "Squeeze", [outputs[0], graph.Int64s(scope + "/direction_axis", 1)]);
            return new OnnxValue(graph.Node(scope, "Transpose", [steps], OnnxGraphBuilder.Ints("perm", 1, 0, 2)), [u], true);
        }
        // Y_h [1, batch, units] → [batch, units]
        return new OnnxValue(graph.Node(scope, "Squeeze", [outputs[1], graph.Int64s(scope + "/direction_axis", 0)]), [u], false);
    }

    /// <summary>ONNX's B [1, 6·units]: the input bias then the recurrent one, each in ONNX's gate order, named <c>{layer}.bias</c>.</summary>
    private static string GruBias(ExportContext context, string scope, int u, int[] gates)
    {
        int g = gates.Length * u;
        var values = new float[2 * g];
        Reorder(context.Parameters.Values(context.Parameters.Slice(scope, "bias", g)), values.AsSpan(0, g), u, gates);
        Reorder(context.Parameters.Values(context.Parameters.Slice(scope, "recurrentBias", g)), values.AsSpan(g, g), u, gates);
        return context.Graph.Floats($"{scope}.bias", [1, 2 * g], values);
    }

    /// <summary>to[q·u + j] = from[gates[q]·u + j]: a bias's gate blocks in ONNX's order.</summary>
    private static void Reorder(ReadOnlySpan<float> from, Span<float> to, int u, int[] gates)
    {
        for (int q = 0; q < gates.Length; q++)
            for (int j = 0; j < u; j++)
                to[q * u + j] = from[gates[q] * u + j];
    }

    /// <summary>to[0, q·u + j, k] = from[k, gates[q]·u + j]: DslNet's [rows, gates·u] as ONNX's [1, gates·u, rows].</summary>
    private static void Transpose(System.ReadOnlySpan<float> from, float[] to, int rows, int u, int[] gates)
    {
        int g = gates.Length * u;
        for (int q = 0; q < gates.Length; q++)
            for (int j = 0; j < u; j++)
                for (int k = 0; k < rows; k++)
                    to[(q * u + j) * rows + k] = from[k * g + gates[q] * u + j];
    }

    public static OnnxValue SimpleRnn(ExportContext context, SimpleRnnDescription rnn, OnnxValue x) =>
        Write(context, rnn, rnn.Units, rnn.ReturnSequences, Cell.Simple, x);

    public static OnnxValue Lstm(ExportContext context, LstmDescription lstm, OnnxValue x) =>
        Write(context, lstm, lstm.Units, lstm.ReturnSequences, Cell.Lstm, x);

    public static OnnxValue Gru(ExportContext context, GruDescription gru, OnnxValue x) =>
        Write(context, gru, gru.Units, gru.ReturnSequences, Cell.Gru, x);
}
