using System;
using System.Globalization;

namespace DslNet.Onnx.Export;

/// <summary>
/// Multi-head self-attention in standard operators over [batch, T, d]: [Q K V] = x·W + b split three ways, each
/// reshaped to heads [batch, heads, T, e]; scores Q·Kᵀ·(1/√e) plus the key mask (past each length, and after the query
/// when causal); softmax over the keys; context = P·V back to [batch, T, d], zero for a query at or past its length;
/// y = context·Wo + bo.
/// </summary>
internal static class AttentionExport
{
    public static OnnxValue Write(ExportContext context, MultiHeadSelfAttentionDescription attention, OnnxValue x) =>
        x with { Name = Write(context, attention.Name, "", x.Name, attention.InputShape[0], attention.Heads, attention.Causal) };

    /// <summary>
    /// The attention of layer <paramref name="layer"/> whose parameters are <c>{prefix}weight</c>, <c>{prefix}bias</c>,
    /// <c>{prefix}outputWeight</c> and <c>{prefix}outputBias</c> (camel-cased after a non-empty prefix).
    /// </summary>
    public static string Write(ExportContext context, string layer, string prefix, string x, int d, int heads, bool causal)
    {
        var graph = context.Graph;
        int e = d / heads;
        string Part(string name) => prefix.Length == 0 ? name : prefix + char.ToUpperInvariant(name[0]) + name.Substring(1);
        string projected = graph.Node(layer, "Add", [
            graph.Node(layer, "MatMul", [x, context.Initializer(layer, Part("weight"), d, 3 * d)]),
            context.Initializer(layer, Part("bias"), 3 * d)]);
        var qkv = graph.Node(layer, "Split", [projected, graph.Int64s(layer + "/split", d, d, d)], 3, OnnxGraphBuilder.Int("axis", 2));
        string heads4 = graph.Int64s(layer + "/heads", 0, 0, heads, e);
        string Heads(string t, params long[] perm) => graph.Node(layer, "Transpose", [graph.Node(layer, "Reshape", [t, heads4])], OnnxGraphBuilder.Ints("perm", perm));
        string queries = Heads(qkv[0], 0, 2, 1, 3);   // [batch, heads, T, e]
        string keys = Heads(qkv[1], 0, 2, 3, 1);      // [batch, heads, e, T]
        string values = Heads(qkv[2], 0, 2, 1, 3);    // [batch, heads, T, e]
        // The same float scale as DslNet's generated code multiplies each dot product by.
        float scale = (float)(1 / Math.Sqrt(e));
        string scores = graph.Node(layer, "Mul", [graph.Node(layer, "MatMul", [queries, keys]), graph.FloatScalar(layer + "/scale", scale)]);
        string masked = graph.Node(layer, "Add", [scores, context.Sequence.AttentionBias(layer, causal)]);
        string probabilities = graph.Node(layer, "Softmax", [masked], OnnxGraphBuilder.Int("axis", -1));
        string heads3 = graph.Node(layer, "Transpose", [graph.Node(layer, "MatMul", [probabilities, values])], OnnxGraphBuilder.Ints("perm", 0, 2, 1, 3));
        string contexts = graph.Node(layer, "Reshape", [heads3, graph.Int64s(layer + "/model", 0, 0, d)]);
        string inside = graph.Node(layer, "Mul", [contexts, context.Sequence.StepMask(3)]);
        return graph.Node(layer, "Add", [
            graph.Node(layer, "MatMul", [inside, context.Initializer(layer, Part("outputWeight"), d, d)]),
            context.Initializer(layer, Part("outputBias"), d)]);
    }
}
