using System.Collections.Generic;

namespace DslNet;

/// <summary>
/// Batch normalisation per feature of a vector or per channel of a map (parameters <c>gain</c>, <c>bias</c>, and the state
/// <c>runningMean</c>, <c>runningVariance</c>); inference normalises with the running statistics.
/// </summary>
/// <param name="Name">The layer's name.</param>
/// <param name="InputShape">[features] or [channels, height, width].</param>
/// <param name="OutputShape">The input's shape.</param>
/// <param name="InputIsSequence">Whether the input has a leading time axis (never, for this layer).</param>
/// <param name="OutputIsSequence">Whether the output has a leading time axis (never).</param>
/// <param name="Momentum">How far each training batch moves the running statistics.</param>
/// <param name="Epsilon">Added to the variance under the square root.</param>
/// <param name="Activation">Applied after the gain and bias.</param>
public sealed record BatchNormDescription(
    string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence,
    float Momentum, float Epsilon, Activation Activation)
    : LayerDescription(Name, InputShape, OutputShape, InputIsSequence, OutputIsSequence)
{
    /// <inheritdoc />
    public override string Kind => "BatchNorm";
}
