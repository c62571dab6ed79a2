namespace DslNet.Model;

/// <summary><c>[LayerNorm]</c>, or <c>layernorm</c>.</summary>
internal static class LayerNormDeclaration
{
    public static readonly LayerSyntax Syntax = new(nameof(LayerNormAttribute), ["layernorm", "layer_norm"], [], v => new LayerNormSpec(v.Index, v.Name, v.Location));
}
