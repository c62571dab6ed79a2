using System.Collections.Generic;

namespace DslNet;

/// <summary>
/// A generated network's architecture: its input, its layers in order, and its output. For a sequence network
/// (<see cref="IsSequence"/>) <see cref="InputShape"/> is one time step (empty: one token id per step).
/// </summary>
/// <param name="Name">The declaring class, with its namespace: <c>Digits.DigitsMlp</c>.</param>
/// <param name="InputShape">One input sample, or one time step of a sequence input.</param>
/// <param name="IsSequence">Whether the input is a sequence [time, ...InputShape] of run-time length.</param>
/// <param name="Layers">The layers in declaration order.</param>
public sealed record NetworkDescription(string Name, IReadOnlyList<int> InputShape, bool IsSequence, IReadOnlyList<LayerDescription> Layers);
