using System.Collections.Generic;

namespace DslNet;

/// <summary>Embedding: each token id (a float holding a whole number) becomes its row of the table <c>weight</c> [vocabulary, dimension].</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="InputShape">Empty: one token id per step.</param>
/// <param name="OutputShape">[dimension] per step.</param>
/// <param name="InputIsSequence">Always true.</param>
/// <param name="OutputIsSequence">Always true.</param>
/// <param name="Vocabulary">The number of token ids, 0 to vocabulary − 1.</param>
/// <param name="Dimension">The length of each vector.</param>
public sealed record EmbeddingDescription(
    string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence,
    int Vocabulary, int Dimension)
    : LayerDescription(Name, InputShape, OutputShape, InputIsSequence, OutputIsSequence)
{
    /// <inheritdoc />
    public override string Kind => "Embedding";
}
