using System.Collections.Generic;

namespace DslNet;

/// <summary>
/// PositionalEncoding: step t gets row t of a table added, the sinusoidal one (<c>sin(t / 10000^(2i/d))</c> on feature 2i,
/// <c>cos</c> on 2i + 1) or, when <paramref name="Learned"/>, the parameter <c>weight</c> [MaxLength, d].
/// </summary>
/// <param name="Name">The layer's name.</param>
/// <param name="InputShape">[d] per step.</param>
/// <param name="OutputShape">The same shape.</param>
/// <param name="InputIsSequence">Always true.</param>
/// <param name="OutputIsSequence">Always true.</param>
/// <param name="Learned">Whether the table is a trained parameter.</param>
/// <param name="MaxLength">The rows of a learned table (the longest sequence); 0 when not given.</param>
public sealed record PositionalEncodingDescription(
    string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence,
    bool Learned, int MaxLength)
    : LayerDescription(Name, InputShape, OutputShape, InputIsSequence, OutputIsSequence)
{
    /// <inheritdoc />
    public override string Kind => "PositionalEncoding";
}
