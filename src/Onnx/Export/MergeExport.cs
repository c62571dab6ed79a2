using System.Collections.Generic;
using System.Linq;

namespace DslNet.Onnx.Export;

/// <summary>
/// The merge layers: Add (a chain of ONNX Add nodes, then the activation) and Concatenate (Concat on the first axis of a
/// sample: 1 after the batch, or 2 after the batch and time axes of a sequence).
/// </summary>
internal static class MergeExport
{
    public static OnnxValue Add(ExportContext context, AddDescription add, IReadOnlyList<OnnxValue> inputs)
    {
        string sum = inputs[0].Name;
        foreach (var other in inputs.Skip(1)) sum = context.Graph.Node(add.Name, "Add", [sum, other.Name]);
        return inputs[0] with { Name = context.Activate(add.Name, sum, add.Activation), Dims = add.OutputShape };
    }

    public static OnnxValue Concatenate(ExportContext context, ConcatenateDescription concatenate, IReadOnlyList<OnnxValue> inputs) =>
        inputs[0] with
        {
            Name = context.Graph.Node(concatenate.Name, "Concat", inputs.Select(i => i.Name), OnnxGraphBuilder.Int("axis", inputs[0].IsSequence ? 2 : 1)),
            Dims = concatenate.OutputShape,
        };
}
