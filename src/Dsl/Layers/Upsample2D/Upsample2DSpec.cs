using DslNet.Checks;

namespace DslNet.Model;

/// <summary><c>[Upsample2D(factor)]</c>: [C, H, W] → [C, H·f, W·f], each value repeated over an f × f block.</summary>
internal sealed record Upsample2DSpec(int Index, string? DeclaredName, SourceLocation Location, int Factor, SourceLocation FactorLocation)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "Upsample2D";

    public override bool AppliesPerStep => true;

    public override Shape? InferOutput(Shape? input, ShapeContext context)
    {
        bool valid = context.Positive(this, "the factor", Factor, FactorLocation);
        if (!valid || !context.NeedsFeatureMap(this, input)) return null;
        long height = (long)input!.Dimensions[1] * Factor, width = (long)input.Dimensions[2] * Factor;
        // Each side alone may overflow an int before the output's size is checked against the limit.
        if (!context.WithinLimit(this, "the output", (long)input.Dimensions[0] * height * width)) return null;
        return new Shape(input.Dimensions[0], (int)height, (int)width);
    }
}
