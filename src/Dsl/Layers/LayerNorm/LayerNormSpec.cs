using System.Collections.Generic;
using DslNet.Checks;

namespace DslNet.Model;

/// <summary><c>[LayerNorm]</c>: normalises each vector (each step of a sequence) over its features, then a learned gain and bias.</summary>
internal sealed record LayerNormSpec(int Index, string? DeclaredName, SourceLocation Location)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "LayerNorm";

    public override bool KeepsShape => true;

    /// <summary>A vector, or a sequence of vectors normalised step by step; its output has the input's shape.</summary>
    public override Shape? InferOutput(Shape? input, ShapeContext context)
    {
        if (input is null) return null;
        if (input.Rank == 1) return input;
        context.Report(ProblemCatalogue.RankMismatch.At(
            Location, ShapeContext.Describe(this), input.IsSequence ? "a vector at each step (rank 1)" : "a vector (rank 1)", input,
            input.Rank > 1 ? "; add [Flatten] before it" : input.IsSequence ? "; token ids need an [Embedding(vocabulary, dimension)] first" : string.Empty));
        return null;
    }

    // The gain is listed with the biases: weight decay leaves both alone, as PyTorch's recipes do.
    public override IReadOnlyList<ParameterPart> Parameters(Shape input, Shape output) =>
        [ParameterPart.Bias("gain", input.Size), ParameterPart.Bias("bias", input.Size)];
}
