namespace DslNet.Model;

/// <summary><c>[Embedding(vocabulary, dimension)]</c>: each token id of a sequence becomes its row of a learned table.</summary>
internal sealed record EmbeddingSpec(
    int Index, string? DeclaredName, SourceLocation Location,
    int Vocabulary, int Dimension, SourceLocation VocabularyLocation, SourceLocation DimensionLocation)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "Embedding";
}
