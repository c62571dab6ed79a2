namespace DslNet.Model;

/// <summary><c>[Dropout(rate)]</c>: inverted dropout in training, identity in inference.</summary>
internal sealed record DropoutSpec(int Index, string? DeclaredName, SourceLocation Location, double Rate, SourceLocation RateLocation)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "Dropout";
}
