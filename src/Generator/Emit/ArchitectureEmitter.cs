using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DslNet.Checks;
using DslNet.Generator.Declaration;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// Writes the network's <c>Description</c> (<c>DslNet.IDescribedNetwork</c>): each layer's kind, options and shapes as
/// run-time records, for exporters (ONNX, PyTorch weights) that must rebuild the computation outside the generated code.
/// </summary>
internal static class ArchitectureEmitter
{
    /// <summary>The interface the generated class implements for <see cref="Write"/>.</summary>
    public const string Interface = "global::DslNet.IDescribedNetwork";

    // Both layer norms use ε = 1e-5 (LayerNormEmitter); an exporter reads it from here.
    private const string LayerNormEpsilon = "1e-5f";

    public static void Write(CodeWriter w, NetworkPlan plan)
    {
        var input = plan.Shapes.Input!;
        var layers = plan.Shapes.Layers;
        w.Line("private static readonly global::DslNet.NetworkDescription s_description = new(");
        w.Line($"    \"{plan.Declaration.Target.FullName}\", {Ints(input.Dimensions)}, {Bool(input.IsSequence)},");
        w.Line("    new global::DslNet.LayerDescription[]");
        w.Line("    {");
        foreach (var layer in layers) w.Line("        " + Describe(layer) + ",");
        w.Line("    });");
        w.Line();
        w.Line("/// <summary>The architecture, layer by layer, with every shape: what an exporter reads beside <see cref=\"Layout\"/>.</summary>");
        w.Line("public global::DslNet.NetworkDescription Description => s_description;");
        w.Line();
    }

    private static string Describe(LayerShape layer)
    {
        string common = $"\"{layer.Layer.Name}\", {Ints(layer.Input.Dimensions)}, {Ints(layer.Output.Dimensions)}, {Bool(layer.Input.IsSequence)}, {Bool(layer.Output.IsSequence)}";
        return layer.Layer switch
        {
            DenseSpec dense => $"new global::DslNet.DenseDescription({common}, {dense.Units}, {Activation(dense.Activation)})",
            Conv2DSpec conv => $"new global::DslNet.Conv2DDescription({common}, {conv.Filters}, {conv.KernelSize}, {conv.Stride}, global::DslNet.Padding.{conv.Padding}, {Activation(conv.Activation)})",
            Pool2DSpec pool => $"new global::DslNet.{(pool.Pooling == Pooling.Max ? "MaxPool2DDescription" : "AvgPool2DDescription")}({common}, {pool.PoolSize}, {pool.Stride})",
            FlattenSpec => $"new global::DslNet.FlattenDescription({common})",
            DropoutSpec dropout => $"new global::DslNet.DropoutDescription({common}, {dropout.Rate.ToString("R", CultureInfo.InvariantCulture)})",
            EmbeddingSpec embedding => $"new global::DslNet.EmbeddingDescription({common}, {embedding.Vocabulary}, {embedding.Dimension})",
            RecurrentSpec recurrent => $"new global::DslNet.{(recurrent.Cell == RecurrentCell.Lstm ? "LstmDescription" : "SimpleRnnDescription")}({common}, {recurrent.Units}, {Bool(recurrent.ReturnSequences)}, {Bool(recurrent.Stateful)})",
            LayerNormSpec => $"new global::DslNet.LayerNormDescription({common}, {LayerNormEpsilon})",
            PositionalEncodingSpec positional => $"new global::DslNet.PositionalEncodingDescription({common}, {Bool(positional.Learned)}, {positional.MaxLength})",
            AttentionSpec attention => $"new global::DslNet.MultiHeadSelfAttentionDescription({common}, {attention.Heads}, {Bool(attention.Causal)})",
            TransformerBlockSpec block => $"new global::DslNet.TransformerBlockDescription({common}, {block.Heads}, {block.Width(layer.Input.Size)}, {Activation(block.Activation)}, {Bool(block.Causal)}, {LayerNormEpsilon})",
            _ => throw new System.InvalidOperationException("No description for layer kind " + layer.Layer.Kind),
        };
    }

    /// <summary><c>new int[] { 1, 28, 28 }</c>, or an empty array for one token id per step.</summary>
    private static string Ints(IReadOnlyList<int> values) => values.Count == 0
        ? "global::System.Array.Empty<int>()"
        : "new int[] { " + string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + " }";

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Activation(Activation activation) => "global::DslNet.Activation." + activation;
}
