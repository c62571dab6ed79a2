using System.Collections.Generic;

namespace DslNet;

/// <summary>
/// A ConvTranspose2D layer over [channels, height, width] (NCHW): weights stored [channels, kernel, kernel, filters]
/// (parameters <c>weight</c>, <c>bias</c>); output side (side − 1)·stride − 2·padding + kernel, as PyTorch's
/// <c>ConvTranspose2d</c> without output padding.
/// </summary>
/// <param name="Name">The layer's name.</param>
/// <param name="InputShape">[channels, height, width].</param>
/// <param name="OutputShape">[filters, height', width'].</param>
/// <param name="InputIsSequence">Whether the input has a leading time axis.</param>
/// <param name="OutputIsSequence">Whether the output has a leading time axis.</param>
/// <param name="Filters">The output channels.</param>
/// <param name="KernelSize">The side of the square kernel.</param>
/// <param name="Stride">The step between neighbouring inputs' kernels in the output.</param>
/// <param name="Padding">Rows and columns cropped from each side of the full output.</param>
/// <param name="Activation">The function applied to the result plus bias.</param>
public sealed record ConvTranspose2DDescription(
    string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence,
    int Filters, int KernelSize, int Stride, int Padding, Activation Activation)
    : LayerDescription(Name, InputShape, OutputShape, InputIsSequence, OutputIsSequence)
{
    /// <inheritdoc />
    public override string Kind => "ConvTranspose2D";
}
