using System.Collections.Generic;

namespace DslNet;

/// <summary>MaxPool2D: the maximum of each square window over [channels, height, width], no padding, windows that do not fit dropped.</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="InputShape">[channels, height, width].</param>
/// <param name="OutputShape">[channels, pooled height, pooled width].</param>
/// <param name="InputIsSequence">Whether the input has a leading time axis.</param>
/// <param name="OutputIsSequence">Whether the output has a leading time axis.</param>
/// <param name="PoolSize">The side of the square window.</param>
/// <param name="Stride">The step between windows, both ways.</param>
public sealed record MaxPool2DDescription(
    string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence,
    int PoolSize, int Stride)
    : LayerDescription(Name, InputShape, OutputShape, InputIsSequence, OutputIsSequence)
{
    /// <inheritdoc />
    public override string Kind => "MaxPool2D";
}
