using System.Collections.Generic;
using System.Linq;

namespace DslNet.Onnx.Export;

/// <summary>The declaration's layer table (name, kind, shapes, activation, parameters), as the model's doc_string.</summary>
internal static class LayerTable
{
    public static string Write(NetworkDescription description, ParameterLayout layout)
    {
        var rows = new List<string[]> { new[] { "layer", "kind", "input", "output", "activation", "parameters" } };
        rows.Add(["input", "Input", "", Shape(description.InputShape, description.IsSequence), "", ""]);
        foreach (var layer in description.Layers)
        {
            string activation = layer switch
            {
                DenseDescription dense => dense.Activation.ToString(),
                Conv2DDescription conv => conv.Activation.ToString(),
                TransformerBlockDescription block => block.Activation.ToString(),
                _ => "",
            };
            int parameters = layout.Where(s => s.Layer == layer.Name).Sum(s => s.Length);
            rows.Add([layer.Name, layer.Kind, Shape(layer.InputShape, layer.InputIsSequence), Shape(layer.OutputShape, layer.OutputIsSequence), activation, parameters.ToString()]);
        }
        rows.Add(["total", "", "", "", "", layout.ParameterCount.ToString()]);
        var widths = Enumerable.Range(0, 6).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var lines = rows.Select(row => string.Join("  ", row.Select((cell, c) => c == 5 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
        return $"{description.Name}, exported by DslNet\n" + string.Join("\n", lines);
    }

    /// <summary><c>[1, 28, 28]</c>, or <c>[time, 32]</c> for a sequence.</summary>
    public static string Shape(IReadOnlyList<int> dims, bool isSequence) =>
        "[" + string.Join(", ", (isSequence ? new[] { "time" } : []).Concat(dims.Select(d => d.ToString()))) + "]";
}
