namespace DslNet.Model;

/// <summary><c>[TransformerBlock(4, FeedForward = 128, Causal = true)]</c>, or <c>transformer_block 4 feed_forward=128 causal=true</c>.</summary>
internal static class TransformerBlockDeclaration
{
    private const string Heads = nameof(TransformerBlockAttribute.Heads), FeedForward = nameof(TransformerBlockAttribute.FeedForward),
        Activation = nameof(TransformerBlockAttribute.Activation), Causal = nameof(TransformerBlockAttribute.Causal),
        ModelDimension = nameof(TransformerBlockAttribute.ModelDimension);

    public static readonly LayerSyntax Syntax = new(
        nameof(TransformerBlockAttribute), ["transformer_block"],
        [
            LayerArgument.Integer(Heads, "the number of heads"),
            LayerArgument.NamedInteger(FeedForward, 0),
            LayerArgument.NamedChoice(Activation, DslNet.Activation.ReLU),
            LayerArgument.NamedFlag(Causal),
            LayerArgument.NamedInteger(ModelDimension, 0),
        ],
        v => new TransformerBlockSpec(
            v.Index, v.Name, v.Location, v.Integer(Heads), v.Integer(FeedForward), v.Choice<DslNet.Activation>(Activation), v.Flag(Causal),
            v.LocationOf(Heads), v.Integer(ModelDimension), v.LocationOf(ModelDimension)));
}
