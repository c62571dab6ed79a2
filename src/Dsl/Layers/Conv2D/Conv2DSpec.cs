namespace DslNet.Model;

/// <summary><c>[Conv2D(filters, kernelSize, Stride, Padding, Activation)]</c> over [channels, height, width].</summary>
internal sealed record Conv2DSpec(
    int Index, string? DeclaredName, SourceLocation Location,
    int Filters, int KernelSize, int Stride, Padding Padding, Activation Activation,
    SourceLocation FiltersLocation, SourceLocation KernelLocation)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "Conv2D";
}
