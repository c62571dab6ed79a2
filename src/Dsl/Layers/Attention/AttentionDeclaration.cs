namespace DslNet.Model;

/// <summary><c>[MultiHeadSelfAttention(4, Causal = true)]</c>, or <c>self_attention 4 causal=true</c>.</summary>
internal static class AttentionDeclaration
{
    private const string Heads = nameof(MultiHeadSelfAttentionAttribute.Heads), Causal = nameof(MultiHeadSelfAttentionAttribute.Causal),
        ModelDimension = nameof(MultiHeadSelfAttentionAttribute.ModelDimension);

    public static readonly LayerSyntax Syntax = new(
        nameof(MultiHeadSelfAttentionAttribute), ["self_attention"],
        [LayerArgument.Integer(Heads, "the number of heads"), LayerArgument.NamedFlag(Causal), LayerArgument.NamedInteger(ModelDimension, 0)],
        v => new AttentionSpec(
            v.Index, v.Name, v.Location, v.Integer(Heads), v.Flag(Causal), v.LocationOf(Heads),
            v.Integer(ModelDimension), v.LocationOf(ModelDimension)));
}
