using System.Collections.Generic;

namespace DslNet;

/// <summary>
/// A Conv2D layer over [channels, height, width] (NCHW): weights stored [channels, kernel, kernel, filters]
/// (parameters <c>weight</c>, <c>bias</c>); same padding puts the odd extra row and column at the bottom and right, and
/// PyTorch's integer padding (<see cref="PaddingSize"/>) that many zeros on each side.
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
    /// <summary>A convolution with PyTorch's integer padding: <paramref name="PaddingSize"/> zeros on each side (<see cref="Padding"/> is Valid).</summary>
    public Conv2DDescription(
        string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence,
        int Filters, int KernelSize, int Stride, Padding Padding, Activation Activation, int PaddingSize)
        : this(Name, InputShape, OutputShape, InputIsSequence, OutputIsSequence, Filters, KernelSize, Stride, Padding, Activation) =>
        this.PaddingSize = PaddingSize;

    /// <summary>The zero rows and columns on each side with PyTorch's integer padding; 0 with <see cref="Padding"/> Valid or Same.</summary>
    public int PaddingSize { get; init; }

    /// <inheritdoc />
    public override string Kind => "Conv2D";
}
