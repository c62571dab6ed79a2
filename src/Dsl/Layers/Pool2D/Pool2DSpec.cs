namespace DslNet.Model;

/// <summary><c>[MaxPool2D(size)]</c> or <c>[AvgPool2D(size)]</c> over [channels, height, width]; <see cref="Stride"/> is resolved (never 0).</summary>
internal sealed record Pool2DSpec(
    int Index, string? DeclaredName, SourceLocation Location,
    Pooling Pooling, int PoolSize, int Stride, SourceLocation SizeLocation)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => Pooling == Pooling.Max ? "MaxPool2D" : "AvgPool2D";
}
