namespace DslNet.Model;

/// <summary><c>[Flatten]</c>: the input read as a vector.</summary>
internal sealed record FlattenSpec(int Index, string? DeclaredName, SourceLocation Location)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "Flatten";
}
