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
/// Each layer emitter names its record and options (<see cref="LayerEmitter.Description"/>); this writes the list.
/// </summary>
internal static class ArchitectureEmitter
{
    /// <summary>The interface the generated class implements for <see cref="Write"/>.</summary>
    public const string Interface = "global::DslNet.IDescribedNetwork";

    public static void Write(CodeWriter w, NetworkPlan plan, IReadOnlyList<LayerEmitter> layers)
    {
        var input = plan.Shapes.Input!;
        w.Line("private static readonly global::DslNet.NetworkDescription s_description = new(");
        w.Line($"    \"{plan.Declaration.Target.FullName}\", {Ints(input.Dimensions)}, {Bool(input.IsSequence)},");
        w.Line("    new global::DslNet.LayerDescription[]");
        w.Line("    {");
        foreach (var layer in layers) w.Line("        " + Record(layer.Shape, layer.Description) + ",");
        w.Line("    });");
        w.Line();
        w.Line("/// <summary>The architecture, layer by layer, with every shape: what an exporter reads beside <see cref=\"Layout\"/>.</summary>");
        w.Line("public global::DslNet.NetworkDescription Description => s_description;");
        w.Line();
    }

    /// <summary><c>new global::DslNet.DenseDescription("dense1", new int[] { 784 }, ..., 128, ...)</c>.</summary>
    private static string Record(LayerShape layer, LayerDescriptionText description)
    {
        string common = $"\"{layer.Layer.Name}\", {Ints(layer.Input.Dimensions)}, {Ints(layer.Output.Dimensions)}, {Bool(layer.Input.IsSequence)}, {Bool(layer.Output.IsSequence)}";
        string options = string.Concat(description.Options.Select(option => ", " + option));
        // A layer that reads the one before it says nothing more; one that names its inputs lists them for exporters.
        string inputs = layer.ReadsPrevious ? string.Empty
            : " { Inputs = new string[] { " + string.Join(", ", layer.Layer.NamedInputs.Select(r => $"\"{r.Name}\"")) + " } }";
        return $"new global::DslNet.{description.Record}({common}{options}){inputs}";
    }

    /// <summary><c>new int[] { 1, 28, 28 }</c>, or an empty array for one token id per step.</summary>
    private static string Ints(IReadOnlyList<int> values) => values.Count == 0
        ? "global::System.Array.Empty<int>()"
        : "new int[] { " + string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + " }";

    public static string Bool(bool value) => value ? "true" : "false";

    public static string Activation(Activation activation) => "global::DslNet.Activation." + activation;

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
