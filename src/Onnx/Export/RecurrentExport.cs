using System.Linq;

namespace DslNet.Onnx.Export;

/// <summary>
/// SimpleRnn and Lstm as ONNX's RNN and LSTM operators with <c>sequence_lens</c>, so each sample stops at its own
/// length (ONNX's Y is zero past it and Y_h is the state at the last step inside it, as in DslNet).
/// DslNet keeps W [inputs, gates·units] and U [units, gates·units] with gate columns i, f, o, g and one bias;
/// ONNX wants W [1, gates·units, inputs] and R [1, gates·units, units] transposed, gates i, o, f, c, and two biases
/// (the input one, and the recurrent one written as zeros). The operators run time-major, so the input and a
/// returned sequence are transposed around them.
/// </summary>
internal static class RecurrentExport
{
    /// <summary>For each ONNX gate (i, o, f, c), the DslNet gate column block it comes from (i, f, o, g).</summary>
    private static readonly int[] s_lstmGates = [0, 2, 1, 3];
    private static readonly int[] s_rnnGates = [0];

    public static OnnxValue Write(ExportContext context, LayerDescription layer, int units, bool returnSequences, bool lstm, OnnxValue x)
    {
        var graph = context.Graph;
        string scope = layer.Name;
        int n = layer.InputShape[0], u = units;
        var gates = lstm ? s_lstmGates : s_rnnGates;
        int g = gates.Length * u;
        string weight = context.ConvertedInitializer(scope, "weight", [n, g], [1, g, n], (from, to) => Transpose(from, to, n, u, gates));
        string recurrent = context.ConvertedInitializer(scope, "recurrent", [u, g], [1, g, u], (from, to) => Transpose(from, to, u, u, gates));
        string bias = context.ConvertedInitializer(scope, "bias", [g], [1, 2 * g], (from, to) =>
        {
            for (int q = 0; q < gates.Length; q++)
                for (int j = 0; j < u; j++)
                    to[q * u + j] = from[gates[q] * u + j];
        });
        string timeMajor = graph.Node(scope, "Transpose", [x.Name], OnnxGraphBuilder.Ints("perm", 1, 0, 2));
        var outputs = graph.Node(scope, lstm ? "LSTM" : "RNN", [timeMajor, weight, recurrent, bias, context.Sequence.Lengths], 2,
            OnnxGraphBuilder.Int("hidden_size", u));
        if (returnSequences)
        {
            // Y [T, 1, batch, units] → [batch, T, units]
            string steps = graph.Node(scope, "Squeeze", [outputs[0], graph.Int64s(scope + "/direction_axis", 1)]);
            return new OnnxValue(graph.Node(scope, "Transpose", [steps], OnnxGraphBuilder.Ints("perm", 1, 0, 2)), [u], true);
        }
        // Y_h [1, batch, units] → [batch, units]
        return new OnnxValue(graph.Node(scope, "Squeeze", [outputs[1], graph.Int64s(scope + "/direction_axis", 0)]), [u], false);
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
        Write(context, rnn, rnn.Units, rnn.ReturnSequences, lstm: false, x);

    public static OnnxValue Lstm(ExportContext context, LstmDescription lstm, OnnxValue x) =>
        Write(context, lstm, lstm.Units, lstm.ReturnSequences, lstm: true, x);
}
