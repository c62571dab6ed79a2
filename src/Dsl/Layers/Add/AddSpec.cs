using System.Collections.Generic;
using System.Linq;
using DslNet.Checks;

namespace DslNet.Model;

/// <summary><c>[Add("a", "b", Activation = ...)]</c>: <c>y = activation(a + b + ...)</c>, every input of one shape.</summary>
internal sealed record AddSpec(int Index, string? DeclaredName, SourceLocation Location, EquatableArray<LayerReference> Inputs, Activation Activation)
    : MergeSpec(Index, DeclaredName, Location, Inputs)
{
    public override string Kind => "Add";

    public override Activation? DeclaredActivation => Activation;

    public override bool KeepsShape => true;

    public override Shape? InferMerged(IReadOnlyList<MergeInput> inputs, ShapeContext context)
    {
        bool valid = context.KnownActivation(this, Activation);
        var first = inputs[0];
        foreach (var other in inputs.Skip(1))
        {
            if (first.Shape is null || other.Shape is null || first.Shape.Dimensions == other.Shape.Dimensions) continue;
            string hint = first.Shape.Size == other.Shape.Size ? "; they hold as many values but are laid out differently: add [Flatten] where a vector is meant" : string.Empty;
            context.Report(ProblemCatalogue.AddShapeMismatch.At(other.Reference.Location, ShapeContext.Describe(this),
                first.Shape, first.Description, other.Shape, other.Description, hint));
            valid = false;
        }
        if (!valid || first.Shape is null) return null;
        if (Activation == Activation.Softmax && (first.Shape.Rank != 1 || context.Next is not null))
        {
            context.Report(context.Next is { } next
                ? ProblemCatalogue.SoftmaxNotLast.At(Location, ShapeContext.Describe(this), ShapeContext.Describe(next))
                : ProblemCatalogue.SoftmaxOnFeatureMap.At(Location, ShapeContext.Describe(this), first.Shape));
            return null;
        }
        return inputs.Any(i => i.Shape is null) ? null : first.Shape;
    }
}
