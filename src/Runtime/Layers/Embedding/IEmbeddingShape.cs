using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// The constants of one embedding table E [<see cref="Vocabulary"/>, <see cref="Dimension"/>] as static members of a
/// struct: <see cref="EmbeddingLayer"/> is generic over it, so generated code declares one small struct per distinct
/// table and the row copies run with the dimension a constant.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IEmbeddingShape
{
    /// <summary>The token ids the table has a row for: ids are whole numbers in [0, Vocabulary).</summary>
    static abstract int Vocabulary { get; }

    /// <summary>Floats in one row of the table, and in one output row.</summary>
    static abstract int Dimension { get; }
}
