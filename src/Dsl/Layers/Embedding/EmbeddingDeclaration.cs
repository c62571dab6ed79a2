namespace DslNet.Model;

/// <summary><c>[Embedding(65, 32)]</c>, or <c>embedding 65 32</c>: vocabulary, then dimension.</summary>
internal static class EmbeddingDeclaration
{
    public static readonly LayerSyntax Syntax = new(
        nameof(EmbeddingAttribute), ["embedding"],
        [
            LayerArgument.Integer(nameof(EmbeddingAttribute.Vocabulary), "the vocabulary size"),
            LayerArgument.Integer(nameof(EmbeddingAttribute.Dimension), "the embedding dimension"),
        ],
        v => new EmbeddingSpec(
            v.Index, v.Name, v.Location,
            v.Integer(nameof(EmbeddingAttribute.Vocabulary)), v.Integer(nameof(EmbeddingAttribute.Dimension)),
            v.LocationOf(nameof(EmbeddingAttribute.Vocabulary)), v.LocationOf(nameof(EmbeddingAttribute.Dimension))));
}
