using System.Collections.Generic;
using System.Linq;
using DslNet.Checks;

namespace DslNet.Model;

/// <summary>
/// A layer that reads several layers by name and merges them into one output (<c>Add</c>, <c>Concatenate</c>). Shape
/// inference gives it every input's shape (<see cref="InferMerged"/>) instead of one.
/// </summary>
internal abstract record MergeSpec(int Index, string? DeclaredName, SourceLocation Location, EquatableArray<LayerReference> Inputs)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override IReadOnlyList<LayerReference> NamedInputs => Inputs;

    /// <summary>The input names as written, for the record's text (front-end agreement compares it).</summary>
    public string InputNames => string.Join(", ", Inputs.Select(i => i.Name));

    /// <summary>A merge layer has no single input: shape inference calls <see cref="InferMerged"/>.</summary>
    public sealed override Shape? InferOutput(Shape? input, ShapeContext context) => null;

    /// <summary>
    /// The output for the inputs' shapes, in declaration order (a shape is null when an earlier error left it unknown),
    /// or null after reporting through <paramref name="context"/> why they cannot be merged. The caller has checked
    /// that there are at least two.
    /// </summary>
    public abstract Shape? InferMerged(IReadOnlyList<MergeInput> inputs, ShapeContext context);
}

/// <summary>One input of a merge layer: the name as written, the shape it carries, and what messages call it.</summary>
internal sealed record MergeInput(LayerReference Reference, Shape? Shape, string Description);
