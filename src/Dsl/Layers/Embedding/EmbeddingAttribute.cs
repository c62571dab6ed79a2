using System;

namespace DslNet;

/// <summary>
/// Maps each token id of a sequence (a float holding a whole number in [0, vocabulary)) to its row of a
/// learned table [vocabulary, dimension]. Follows <c>[SequenceInput]</c>; its output is [time, dimension].
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class EmbeddingAttribute : Attribute
{
    /// <summary>A table of <paramref name="dimension"/> floats for each of <paramref name="vocabulary"/> token ids.</summary>
    public EmbeddingAttribute(int vocabulary, int dimension)
    {
        Vocabulary = vocabulary;
        Dimension = dimension;
    }

    /// <summary>The number of distinct token ids.</summary>
    public int Vocabulary { get; }

    /// <summary>The length of each token's vector.</summary>
    public int Dimension { get; }

    /// <summary>The layer's name in the parameter layout and generated code; <c>embedding{n}</c> by default.</summary>
    public string? Name { get; set; }

    /// <summary>The layer this one reads, by name (<c>"input"</c> for the network's input); by default the layer declared before it.</summary>
    public string? From { get; set; }
}
