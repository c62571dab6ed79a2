namespace DslNet.Model;

/// <summary><c>[MultiHeadSelfAttention(heads, Causal = ...)]</c>: scaled dot-product self-attention over a sequence of vectors.</summary>
public sealed record AttentionSpec(int Index, string? DeclaredName, SourceLocation Location, int Heads, bool Causal, SourceLocation HeadsLocation)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "MultiHeadSelfAttention";
}
