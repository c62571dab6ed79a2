using System.Globalization;
using DslNet.Checks;

namespace DslNet.Model;

/// <summary><c>[Dropout(rate)]</c>: inverted dropout in training, identity in inference.</summary>
internal sealed record DropoutSpec(int Index, string? DeclaredName, SourceLocation Location, double Rate, SourceLocation RateLocation)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "Dropout";

    public override bool KeepsShape => true;

    public override Shape? InferOutput(Shape? input, ShapeContext context)
    {
        if (!(Rate >= 0 && Rate < 1))
        {
            context.Report(ProblemCatalogue.RateOutOfRange.At(RateLocation, ShapeContext.Describe(this), Rate.ToString("R", CultureInfo.InvariantCulture)));
            return null;
        }
        return input;
    }
}
