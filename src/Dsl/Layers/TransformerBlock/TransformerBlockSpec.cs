using System.Collections.Generic;
using System.Linq;
using DslNet.Checks;

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

    public override bool KeepsShape => true;

    /// <summary>The feed-forward width for a model dimension <paramref name="d"/>.</summary>
    public int Width(int d) => FeedForward == 0 ? 4 * d : FeedForward;

    public override Shape? InferOutput(Shape? input, ShapeContext context)
    {
        bool valid = context.Positive(this, "the number of heads", Heads, HeadsLocation)
            & context.DeclaredModelDimension(this, ModelDimension, ModelDimensionLocation);
        if (FeedForward < 0)
        {
            context.Report(ProblemCatalogue.NonPositiveSize.At(Location, ShapeContext.Describe(this), "the feed-forward width", FeedForward));
            valid = false;
        }
        valid &= context.KnownActivation(this, Activation);
        if (!context.NeedsStepVectors(this, input)) return null;
        valid = valid && context.MatchesModelDimension(this, ModelDimension, ModelDimensionLocation, input!);
        if (valid && input!.Size % Heads != 0)
        {
            context.Report(ProblemCatalogue.HeadsDoNotDivide.At(HeadsLocation, ShapeContext.Describe(this), input.Size, Heads));
            valid = false;
        }
        valid = valid && context.WithinLimit(this, "the feed-forward weights", (long)input!.Size * Width(input.Size));
        return valid ? input : null;
    }

    /// <summary>
    /// The block's parts in order, each named after the block (<c>block1Norm1</c>, ...) so that its generated constants and
    /// methods are its own: LN₁, attention, LN₂, and the feed-forward pair over [time, d] → [time, width] → [time, d].
    /// </summary>
    public override IReadOnlyList<LayerShape> Sublayers(Shape input, Shape output)
    {
        int d = input.Size, width = Width(d);
        var step = Shape.Sequence(d);
        var wide = Shape.Sequence(width);
        return
        [
            LayerShape.Of(new LayerNormSpec(Index, Name + "Norm1", Location), step, step),
            LayerShape.Of(new AttentionSpec(Index, Name + "Attention", Location, Heads, Causal, Location, d, Location), step, step),
            LayerShape.Of(new LayerNormSpec(Index, Name + "Norm2", Location), step, step),
            LayerShape.Of(new DenseSpec(Index, Name + "FeedForward1", Location, width, Activation, Location), step, wide),
            LayerShape.Of(new DenseSpec(Index, Name + "FeedForward2", Location, d, Activation.Linear, Location), wide, step),
        ];
    }

    /// <summary>The parts' slices under the block's name: <c>norm1Gain</c>, <c>attentionWeight</c>, ...</summary>
    public override IReadOnlyList<ParameterPart> Parameters(Shape input, Shape output) =>
        Sublayers(input, output)
            .SelectMany(part => part.Parameters.Select(p => p with { Name = Camel(part.Layer.Name.Substring(Name.Length)) + Pascal(p.Name) }))
            .ToList();

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);

    private static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);
}
