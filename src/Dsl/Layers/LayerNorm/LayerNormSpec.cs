namespace DslNet.Model;

/// <summary><c>[LayerNorm]</c>: normalises each vector (each step of a sequence) over its features, then a learned gain and bias.</summary>
internal sealed record LayerNormSpec(int Index, string? DeclaredName, SourceLocation Location)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "LayerNorm";
}
