namespace DslNet.Model;

/// <summary><c>[Dense(units, Activation = ...)]</c>: <c>y = activation(x·W + b)</c>, W as [inputs, units].</summary>
internal sealed record DenseSpec(
    int Index, string? DeclaredName, SourceLocation Location,
    int Units, Activation Activation, SourceLocation UnitsLocation)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "Dense";
}
