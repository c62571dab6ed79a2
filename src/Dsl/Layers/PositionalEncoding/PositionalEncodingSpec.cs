using System.Collections.Generic;
using DslNet.Checks;

namespace DslNet.Model;

/// <summary>
/// <c>[PositionalEncoding(Learned = ..., MaxLength = ...)]</c>: adds a code of the time index to every step of a sequence,
/// the fixed sinusoidal one, or with <see cref="Learned"/> a trained table [<see cref="MaxLength"/>, d].
/// <see cref="MaxLength"/> 0 means not given; <see cref="MaxLengthLocation"/> is then the attribute's.
/// </summary>
internal sealed record PositionalEncodingSpec(
    int Index, string? DeclaredName, SourceLocation Location, bool Learned, int MaxLength, SourceLocation MaxLengthLocation)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "PositionalEncoding";

    public override bool KeepsShape => true;

    /// <summary>
    /// Sinusoidal, or learned with a table of MaxLength rows (DN0029 when MaxLength and Learned do not go together).
    /// The time steps are a run-time value, so the generated network checks them against MaxLength.
    /// </summary>
    public override Shape? InferOutput(Shape? input, ShapeContext context)
    {
        bool valid = true;
        string described = ShapeContext.Describe(this);
        if (Learned && MaxLength <= 0)
        {
            context.Report(ProblemCatalogue.PositionalMaxLength.At(
                MaxLength == 0 ? Location : MaxLengthLocation, described,
                MaxLength == 0 ? "Learned = true but no MaxLength" : $"Learned = true with MaxLength = {MaxLength}",
                "set MaxLength to the longest sequence it will see, as in [PositionalEncoding(Learned = true, MaxLength = 128)]"));
            valid = false;
        }
        else if (!Learned && MaxLength != 0)
        {
            context.Report(ProblemCatalogue.PositionalMaxLength.At(MaxLengthLocation, described,
                $"MaxLength = {MaxLength} without Learned = true",
                "set Learned = true for a trained table of positions, or remove MaxLength"));
            valid = false;
        }
        return context.NeedsStepVectors(this, input) && valid ? input : null;
    }

    public override IReadOnlyList<ParameterPart> Parameters(Shape input, Shape output) =>
        Learned ? [ParameterPart.Weight("weight", MaxLength, input.Size)] : [];
}
