using System.Collections.Generic;
using DslNet.Checks;

namespace DslNet.Model;

/// <summary><c>[Dense(units, Activation = ...)]</c>: <c>y = activation(x·W + b)</c>, W as [inputs, units].</summary>
internal sealed record DenseSpec(
    int Index, string? DeclaredName, SourceLocation Location,
    int Units, Activation Activation, SourceLocation UnitsLocation)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "Dense";

    public override Activation? DeclaredActivation => Activation;

    public override bool AppliesPerStep => true;

    public override string OutputSizeSetting => "the units";

    public override Shape? InferOutput(Shape? input, ShapeContext context)
    {
        bool valid = context.Positive(this, "units", Units, UnitsLocation);
        valid &= context.KnownActivation(this, Activation);
        if (Activation == Activation.Softmax && context.Next is { } next)
        {
            context.Report(ProblemCatalogue.SoftmaxNotLast.At(Location, ShapeContext.Describe(this), ShapeContext.Describe(next)));
        }
        if (input is not null && input.Rank != 1)
        {
            context.Report(ProblemCatalogue.RankMismatch.At(
                Location, ShapeContext.Describe(this), "a vector (rank 1)", input,
                input.Rank > 1 ? "; add [Flatten] before it" : string.Empty));
            valid = false;
        }
        return valid ? new Shape(Units) : null;
    }

    public override IReadOnlyList<ParameterPart> Parameters(Shape input, Shape output) =>
        [ParameterPart.Weight("weight", input.Size, output.Size), ParameterPart.Bias("bias", output.Size)];
}
