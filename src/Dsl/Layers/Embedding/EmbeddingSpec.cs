using System.Collections.Generic;
using DslNet.Checks;

namespace DslNet.Model;

/// <summary><c>[Embedding(vocabulary, dimension)]</c>: each token id of a sequence becomes its row of a learned table.</summary>
internal sealed record EmbeddingSpec(
    int Index, string? DeclaredName, SourceLocation Location,
    int Vocabulary, int Dimension, SourceLocation VocabularyLocation, SourceLocation DimensionLocation)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "Embedding";

    public override string OutputSizeSetting => "the dimension";

    public override Shape? InferOutput(Shape? input, ShapeContext context)
    {
        bool valid = context.Positive(this, "the vocabulary", Vocabulary, VocabularyLocation)
            & context.Positive(this, "the dimension", Dimension, DimensionLocation);
        if (input is not null && !(input.IsSequence && input.Rank == 0))
        {
            context.Report(ProblemCatalogue.NeedsTokenIds.At(Location, ShapeContext.Describe(this), input,
                input.IsSequence ? "; an embedding reads one token id per step, declared as [SequenceInput]" : "; declare the input as [SequenceInput]"));
            valid = false;
        }
        return valid ? Shape.Sequence(Dimension) : null;
    }

    public override IReadOnlyList<ParameterPart> Parameters(Shape input, Shape output) => [ParameterPart.Weight("weight", Vocabulary, Dimension)];
}
