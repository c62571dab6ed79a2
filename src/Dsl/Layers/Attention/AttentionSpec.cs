using System.Collections.Generic;
using DslNet.Checks;

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

    public override bool KeepsShape => true;

    public override Shape? InferOutput(Shape? input, ShapeContext context)
    {
        bool valid = context.Positive(this, "the number of heads", Heads, HeadsLocation)
            & context.DeclaredModelDimension(this, ModelDimension, ModelDimensionLocation);
        if (!context.NeedsStepVectors(this, input)) return null;
        valid = valid && context.MatchesModelDimension(this, ModelDimension, ModelDimensionLocation, input!);
        if (valid && input!.Size % Heads != 0)
        {
            context.Report(ProblemCatalogue.HeadsDoNotDivide.At(HeadsLocation, ShapeContext.Describe(this), input.Size, Heads));
            valid = false;
        }
        return valid ? input : null;
    }

    /// <summary>The query, key and value projections fused as [d, 3d], then the output projection.</summary>
    public override IReadOnlyList<ParameterPart> Parameters(Shape input, Shape output)
    {
        int d = input.Size;
        return
        [
            ParameterPart.Weight("weight", d, 3 * d), ParameterPart.Bias("bias", 3 * d),
            ParameterPart.Weight("outputWeight", d, d), ParameterPart.Bias("outputBias", d),
        ];
    }
}
