using System.Collections.Generic;

namespace DslNet;

/// <summary>Upsample2D: nearest-neighbour upsampling by an integer factor, each value repeated over a factor × factor block.</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="InputShape">[channels, height, width].</param>
/// <param name="OutputShape">[channels, height · factor, width · factor].</param>
/// <param name="InputIsSequence">Whether the input has a leading time axis.</param>
/// <param name="OutputIsSequence">Whether the output has a leading time axis.</param>
/// <param name="Factor">The integer scale, both ways.</param>
public sealed record Upsample2DDescription(
    string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence,
    int Factor)
    : LayerDescription(Name, InputShape, OutputShape, InputIsSequence, OutputIsSequence)
{
    /// <inheritdoc />
    public override string Kind => "Upsample2D";
}
