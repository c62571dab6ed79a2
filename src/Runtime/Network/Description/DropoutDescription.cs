using System.Collections.Generic;

namespace DslNet;

/// <summary>Dropout: inverted dropout while training, the identity at inference.</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="InputShape">One input sample or step.</param>
/// <param name="OutputShape">The same shape.</param>
/// <param name="InputIsSequence">Whether the input has a leading time axis.</param>
/// <param name="OutputIsSequence">Whether the output has a leading time axis.</param>
/// <param name="Rate">The fraction of values dropped while training.</param>
public sealed record DropoutDescription(
    string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence, double Rate)
    : LayerDescription(Name, InputShape, OutputShape, InputIsSequence, OutputIsSequence)
{
    /// <inheritdoc />
    public override string Kind => "Dropout";
}
