namespace DslNet.Model;

/// <summary>
/// <c>[TransformerBlock(heads, FeedForward = ..., Activation = ..., Causal = ..., ModelDimension = ...)]</c>: pre-norm attention
/// and feed-forward sub-layers with residual connections. <see cref="FeedForward"/> 0 means 4 × the model dimension;
/// <see cref="ModelDimension"/> 0 means not declared: d is the input's.
/// </summary>
internal sealed record TransformerBlockSpec(
    int Index, string? DeclaredName, SourceLocation Location,
    int Heads, int FeedForward, Activation Activation, bool Causal, SourceLocation HeadsLocation,
    int ModelDimension, SourceLocation ModelDimensionLocation)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "TransformerBlock";

    /// <summary>The feed-forward width for a model dimension <paramref name="d"/>.</summary>
    public int Width(int d) => FeedForward == 0 ? 4 * d : FeedForward;
}
