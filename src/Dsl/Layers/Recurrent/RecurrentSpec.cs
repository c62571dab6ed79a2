namespace DslNet.Model;

/// <summary>
/// <c>[SimpleRnn(units)]</c> or <c>[Lstm(units)]</c> over a sequence [time, features]: the output is every
/// step's hidden state (<see cref="ReturnSequences"/>) or the state at each sequence's own last step;
/// <see cref="Stateful"/> carries the final state into the next batch.
/// </summary>
internal sealed record RecurrentSpec(
    int Index, string? DeclaredName, SourceLocation Location,
    RecurrentCell Cell, int Units, bool ReturnSequences, bool Stateful, SourceLocation UnitsLocation)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => Cell == RecurrentCell.Lstm ? "Lstm" : "SimpleRnn";

    /// <summary>Rows of the fused gate matrices: four (input, forget, output, candidate) for an LSTM, one for a simple RNN.</summary>
    public int Gates => Cell == RecurrentCell.Lstm ? 4 : 1;
}
