namespace DslNet.Model;

/// <summary>
/// <c>[MultiHeadSelfAttention(heads, Causal = ..., ModelDimension = ...)]</c>: scaled dot-product self-attention over a
/// sequence of vectors. <see cref="ModelDimension"/> 0 means not declared: d is the input's.
/// </summary>
internal sealed record AttentionSpec(
    int Index, string? DeclaredName, SourceLocation Location, int Heads, bool Causal, SourceLocation HeadsLocation,
    int ModelDimension, SourceLocation ModelDimensionLocation)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "MultiHeadSelfAttention";
}
