using System.Collections.Generic;
using System.Linq;
using DslNet.Checks;

namespace DslNet.Model;

/// <summary>
/// <c>[Concatenate("a", "b")]</c>: the inputs side by side along their first axis (the channels of [C, H, W] maps, the
/// features of vectors); every other dimension must match. Sequences are joined step by step, along the axis of each
/// step's shape (the features of [time, F]), so the output is a sequence of the same time steps.
/// </summary>
internal sealed record ConcatenateSpec(int Index, string? DeclaredName, SourceLocation Location, EquatableArray<LayerReference> Inputs)
    : MergeSpec(Index, DeclaredName, Location, Inputs)
{
    public override string Kind => "Concatenate";

    public override Shape? InferMerged(IReadOnlyList<MergeInput> inputs, ShapeContext context)
    {
        if (inputs.Any(i => i.Shape is null)) return null;
        var first = inputs[0];
        var firstShape = first.Shape!;
        string axis = Axis(firstShape);
        bool valid = true;
        foreach (var other in inputs.Skip(1))
        {
            var shape = other.Shape!;
            if (shape.Rank == firstShape.Rank && shape.Dimensions.Skip(1).SequenceEqual(firstShape.Dimensions.Skip(1))) continue;
            context.Report(ProblemCatalogue.ConcatenateShapeMismatch.At(other.Reference.Location, ShapeContext.Describe(this), axis,
                first.Description, firstShape, other.Description, shape, Hint(firstShape, shape)));
            valid = false;
        }
        if (!valid) return null;
        long joined = inputs.Sum(i => (long)i.Shape!.Dimensions[0]);
        if (!context.WithinLimit(this, "the output", joined * (firstShape.Size / firstShape.Dimensions[0]))) return null;
        return new Shape(new[] { (int)joined }.Concat(firstShape.Dimensions.Skip(1)).ToEquatableArray(), firstShape.IsSequence);
    }

    private static string Axis(Shape shape) => shape.Rank switch
    {
        1 => "features",
        3 => "channels",
        _ => "first axis",
    };

    /// <summary>For maps whose sides differ: the usual cause in a U-Net, an odd side halved by pooling and doubled back.</summary>
    private static string Hint(Shape first, Shape other)
    {
        if (first.Rank != other.Rank)
        {
            return "; a feature map and a vector cannot be joined: flatten the map first, or join two maps";
        }
        if (first.Rank == 3)
        {
            return "; heights and widths must be equal: an odd side halved by pooling and upsampled back loses a row or column, so pad the convolutions (Padding.Same) or choose even sides";
        }
        return string.Empty;
    }
}
