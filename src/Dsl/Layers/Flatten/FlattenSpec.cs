using DslNet.Checks;

namespace DslNet.Model;

/// <summary><c>[Flatten]</c>: a view of the input as a vector; no code, no buffer.</summary>
internal sealed record FlattenSpec(int Index, string? DeclaredName, SourceLocation Location)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "Flatten";

    public override bool IsView => true;

    public override bool AppliesPerStep => true;

    public override string MadeVectorHint => "made the feature map a vector: move it after the convolution and pooling layers";

    public override Shape? InferOutput(Shape? input, ShapeContext context) => input is null ? null : new Shape(input.Size);
}
