using DslNet.Checks;

namespace DslNet.Model;

/// <summary><c>[GlobalAveragePool2D]</c>: [channels, height, width] → [channels], each channel's mean over its positions.</summary>
internal sealed record GlobalAveragePool2DSpec(int Index, string? DeclaredName, SourceLocation Location)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "GlobalAveragePool2D";

    public override bool AppliesPerStep => true;

    public override Shape? InferOutput(Shape? input, ShapeContext context) =>
        context.NeedsFeatureMap(this, input) ? new Shape(input!.Dimensions[0]) : null;
}
