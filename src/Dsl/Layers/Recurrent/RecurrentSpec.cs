using System.Collections.Generic;
using DslNet.Checks;

namespace DslNet.Model;

/// <summary>
/// <c>[SimpleRnn(units)]</c>, <c>[Lstm(units)]</c> or <c>[Gru(units)]</c> over a sequence [time, features]: the output is every
/// step's hidden state (<see cref="ReturnSequences"/>) or the state at each sequence's own last step;
/// <see cref="Stateful"/> carries the final state into the next batch.
/// </summary>
internal sealed record RecurrentSpec(
    int Index, string? DeclaredName, SourceLocation Location,
    RecurrentCell Cell, int Units, bool ReturnSequences, bool Stateful, SourceLocation UnitsLocation)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => Cell switch { RecurrentCell.Lstm => "Lstm", RecurrentCell.Gru => "Gru", _ => "SimpleRnn" };

    /// <summary>
    /// Rows of the fused gate matrices: four (input, forget, output, candidate) for an LSTM, three (reset, update, new)
    /// for a GRU, one for a simple RNN.
    /// </summary>
    public int Gates => Cell switch { RecurrentCell.Lstm => 4, RecurrentCell.Gru => 3, _ => 1 };

    // No DeclaredActivation: the tanh is part of the recurrence, not an output activation a loss could fuse.

    public override string OutputSizeSetting => "the units";

    public override Shape? InferOutput(Shape? input, ShapeContext context)
    {
        bool valid = context.Positive(this, "units", Units, UnitsLocation);
        if (input is not null && !(input.IsSequence && input.Rank == 1))
        {
            string hint = !input.IsSequence
                ? (input.Rank == 1 ? "; declare the input as [SequenceInput(features)], or set ReturnSequences = true on the recurrent layer before it" : "; declare the input as [SequenceInput(features)]")
                : input.Rank == 0 ? "; token ids need an [Embedding(vocabulary, dimension)] first" : "; add [Flatten] before it to make each step a vector";
            context.Report(ProblemCatalogue.NeedsSequence.At(Location, ShapeContext.Describe(this), input, hint));
            valid = false;
        }
        return valid ? (ReturnSequences ? Shape.Sequence(Units) : new Shape(Units)) : null;
    }

    /// <summary>
    /// The gate columns of the input and recurrent weights and the bias, fused: [i f o g] for an LSTM, [r z n] for a
    /// GRU, which keeps PyTorch's second bias (on the recurrent product, inside the reset gate's reach for n).
    /// </summary>
    public override IReadOnlyList<ParameterPart> Parameters(Shape input, Shape output) => Cell == RecurrentCell.Gru
        ?
        [
            ParameterPart.Weight("weight", input.Size, Gates * Units),
            ParameterPart.Weight("recurrent", Units, Gates * Units),
            ParameterPart.Bias("bias", Gates * Units),
            ParameterPart.Bias("recurrentBias", Gates * Units),
        ]
        :
        [
            ParameterPart.Weight("weight", input.Size, Gates * Units),
            ParameterPart.Weight("recurrent", Units, Gates * Units),
            ParameterPart.Bias("bias", Gates * Units),
        ];
}
