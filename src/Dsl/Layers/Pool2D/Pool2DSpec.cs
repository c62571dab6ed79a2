using DslNet.Checks;

namespace DslNet.Model;

/// <summary><c>[MaxPool2D(size)]</c> or <c>[AvgPool2D(size)]</c> over [channels, height, width]; <see cref="Stride"/> is resolved (never 0).</summary>
internal sealed record Pool2DSpec(
    int Index, string? DeclaredName, SourceLocation Location,
    Pooling Pooling, int PoolSize, int Stride, SourceLocation SizeLocation)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => Pooling == Pooling.Max ? "MaxPool2D" : "AvgPool2D";

    public override bool AppliesPerStep => true;

    public override Shape? InferOutput(Shape? input, ShapeContext context)
    {
        bool valid = context.Positive(this, "the pool size", PoolSize, SizeLocation)
            & context.Positive(this, "the stride", Stride, Location);
        if (!valid || !context.NeedsFeatureMap(this, input)) return null;
        var output = new Shape(input!.Dimensions[0], (input.Dimensions[1] - PoolSize) / Stride + 1, (input.Dimensions[2] - PoolSize) / Stride + 1);
        return context.CheckWindow(this, "pooling", PoolSize, Stride, input, output) ? output : null;
    }
}
