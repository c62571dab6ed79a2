using System.Collections.Generic;

namespace DslNet;

/// <summary>
/// Concatenate: the layers named in <see cref="LayerDescription.Inputs"/> side by side along the first axis of a sample
/// (the channels of [C, H, W] maps, the features of vectors), in that order.
/// </summary>
/// <param name="Name">The layer's name.</param>
/// <param name="InputShape">The first input's shape.</param>
/// <param name="OutputShape">The joined shape: the first dimensions summed, the others the inputs'.</param>
/// <param name="InputIsSequence">Whether the input has a leading time axis.</param>
/// <param name="OutputIsSequence">Whether the output has a leading time axis.</param>
public sealed record ConcatenateDescription(
    string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence)
    : LayerDescription(Name, InputShape, OutputShape, InputIsSequence, OutputIsSequence)
{
    /// <inheritdoc />
    public override string Kind => "Concatenate";
}
