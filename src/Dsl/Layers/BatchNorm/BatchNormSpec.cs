using System.Collections.Generic;
using DslNet.Checks;

namespace DslNet.Model;

/// <summary>
/// <c>[BatchNorm]</c>: per feature of a vector or per channel of a feature map, over the batch (and the map's positions);
/// a gain and a bias, and the running mean and variance as state; then an optional activation.
/// </summary>
internal sealed record BatchNormSpec(int Index, string? DeclaredName, SourceLocation Location, double Momentum, double Epsilon, Activation Activation)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "BatchNorm";

    public override bool KeepsShape => true;

    public override Activation? DeclaredActivation => Activation;

    public override Shape? InferOutput(Shape? input, ShapeContext context)
    {
        bool valid = context.KnownActivation(this, Activation);
        if (!(Momentum >= 0 && Momentum <= 1))
        {
            context.Report(ProblemCatalogue.NormalisationSetting.At(Location, ShapeContext.Describe(this), "momentum", Momentum, "in [0, 1]"));
            valid = false;
        }
        if (!(Epsilon > 0 && !double.IsInfinity(Epsilon)))
        {
            context.Report(ProblemCatalogue.NormalisationSetting.At(Location, ShapeContext.Describe(this), "epsilon", Epsilon, "a positive finite number"));
            valid = false;
        }
        if (input is null || !valid) return null;
        // Per step of a sequence the batch statistics would mix padded steps in; a vector or a map of one sample it is.
        if (input.IsSequence || (input.Rank != 1 && input.Rank != 3))
        {
            context.Report(ProblemCatalogue.RankMismatch.At(
                Location, ShapeContext.Describe(this), "a vector [features] or a feature map [channels, height, width] of one sample", input,
                input.IsSequence ? "; batch normalisation over sequences is not supported, use [LayerNorm]" : string.Empty));
            return null;
        }
        if (Activation == Activation.Softmax && (input.Rank != 1 || context.Next is not null))
        {
            context.Report(context.Next is { } next
                ? ProblemCatalogue.SoftmaxNotLast.At(Location, ShapeContext.Describe(this), ShapeContext.Describe(next))
                : ProblemCatalogue.SoftmaxOnFeatureMap.At(Location, ShapeContext.Describe(this), input));
            return null;
        }
        return input;
    }

    /// <summary>Features of a vector, channels of a map.</summary>
    public static int Channels(Shape input) => input.Dimensions[0];

    // The gain goes with the biases (weight decay leaves it alone, as for LayerNorm); the running statistics are state.
    public override IReadOnlyList<ParameterPart> Parameters(Shape input, Shape output) =>
    [
        ParameterPart.Bias("gain", Channels(input)), ParameterPart.Bias("bias", Channels(input)),
        ParameterPart.State("runningMean", Channels(input)), ParameterPart.State("runningVariance", Channels(input)),
    ];
}
