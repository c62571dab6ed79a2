using System.Collections.Generic;

namespace DslNet;

/// <summary>GlobalAveragePool2D: the mean of each channel over its whole map, [channels, height, width] → [channels].</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="InputShape">[channels, height, width].</param>
/// <param name="OutputShape">[channels].</param>
/// <param name="InputIsSequence">Whether the input has a leading time axis.</param>
/// <param name="OutputIsSequence">Whether the output has a leading time axis.</param>
public sealed record GlobalAveragePool2DDescription(string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence)
    : LayerDescription(Name, InputShape, OutputShape, InputIsSequence, OutputIsSequence)
{
    /// <inheritdoc />
    public override string Kind => "GlobalAveragePool2D";
}
