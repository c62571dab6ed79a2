using System;

namespace DslNet.Samples;

/// <summary>A language model used one character at a time: it reads a character and predicts the next.</summary>
internal interface ICharacterPredictor
{
    /// <summary>Forgets every character read so far.</summary>
    void Reset();

    /// <summary>Reads one more character and returns the probabilities of the next, one per vocabulary entry.</summary>
    ReadOnlySpan<float> Read(int id);
}
