namespace DslNet.Model;

/// <summary><c>[PositionalEncoding]</c>: adds a fixed sinusoidal code of the time index to every step of a sequence.</summary>
public sealed record PositionalEncodingSpec(int Index, string? DeclaredName, SourceLocation Location)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "PositionalEncoding";
}
