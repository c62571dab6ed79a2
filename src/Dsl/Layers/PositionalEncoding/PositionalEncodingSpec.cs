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
}
