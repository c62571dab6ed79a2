using System.Collections.Generic;

namespace DslNet;

/// <summary>
/// A Conv2D layer over [channels, height, width] (NCHW): weights stored [channels, kernel, kernel, filters]
/// (parameters <c>weight</c>, <c>bias</c>); same padding puts the odd extra row and column at the bottom and right.
/// </summary>
/// <param name="Name">The layer's name.</param>
/// <param name="InputShape">[channels, height, width].</param>
/// <param name="OutputShape">[filters, height, width] after the convolution.</param>
/// <param name="InputIsSequence">Whether the input has a leading time axis.</param>
/// <param name="OutputIsSequence">Whether the output has a leading time axis.</param>
/// <param name="Filters">The output channels.</param>
/// <param name="KernelSize">The side of the square kernel.</param>
/// <param name="Stride">The step between windows, both ways.</param>
/// <param name="Padding">Valid (none) or same.</param>
/// <param name="Activation">The function applied to the convolution plus bias.</param>
public sealed record Conv2DDescription(
    string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence,
    int Filters, int KernelSize, int Stride, Padding Padding, Activation Activation)
    : LayerDescription(Name, InputShape, OutputShape, InputIsSequence, OutputIsSequence)
{
    /// <inheritdoc />
    public override string Kind => "Conv2D";
}
