using System;
using System.Collections.Generic;
using System.Linq;

namespace DslNet;

/// <summary>
/// A character-level tokenizer: the vocabulary is the distinct characters of a corpus in ordinal order, and a text
/// becomes one id per character. Ids are what an <c>[Embedding]</c> layer reads (as floats) and what a softmax over
/// <see cref="VocabularySize"/> classes predicts.
/// </summary>
public sealed class CharTokenizer
{
    private readonly char[] _characters;
    private readonly Dictionary<char, int> _ids;

    private CharTokenizer(char[] characters)
    {
        _characters = characters;
        _ids = new Dictionary<char, int>(characters.Length);
        for (int i = 0; i < characters.Length; i++) _ids.Add(characters[i], i);
    }

    /// <summary>The vocabulary of <paramref name="corpus"/>: each distinct character once, sorted by code point.</summary>
    /// <exception cref="ArgumentException">The corpus is empty.</exception>
    public static CharTokenizer FromCorpus(string corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        if (corpus.Length == 0) throw new ArgumentException("A vocabulary needs a non-empty corpus.", nameof(corpus));
        return new CharTokenizer(corpus.Distinct().OrderBy(c => c).ToArray());
    }

    /// <summary>A tokenizer over exactly <paramref name="vocabulary"/>, in that order (as saved from <see cref="Vocabulary"/>).</summary>
    /// <exception cref="ArgumentException">The vocabulary is empty or repeats a character.</exception>
    public static CharTokenizer FromVocabulary(string vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (vocabulary.Length == 0) throw new ArgumentException("The vocabulary is empty.", nameof(vocabulary));
        var repeated = vocabulary.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new ArgumentException($"The vocabulary repeats {Describe(repeated.Key)}.", nameof(vocabulary));
        return new CharTokenizer(vocabulary.ToCharArray());
    }

    /// <summary>The number of distinct characters, so ids are in [0, VocabularySize).</summary>
    public int VocabularySize => _characters.Length;

    /// <summary>The characters in id order; <see cref="FromVocabulary"/> rebuilds the same tokenizer from it.</summary>
    public string Vocabulary => new(_characters);

    /// <summary>The id of <paramref name="character"/>.</summary>
    /// <exception cref="ArgumentException">The character is not in the vocabulary.</exception>
    public int Id(char character) =>
        _ids.TryGetValue(character, out int id) ? id : throw new ArgumentException($"{Describe(character)} is not in the vocabulary of {VocabularySize} characters.", nameof(character));

    /// <summary>The character with id <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is outside [0, VocabularySize).</exception>
    public char Character(int id) =>
        (uint)id < (uint)_characters.Length ? _characters[id] : throw new ArgumentOutOfRangeException(nameof(id), id, $"Ids are in [0, {VocabularySize}).");

    /// <summary>One id per character of <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">A character is not in the vocabulary; the message names it and its position.</exception>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new int[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            if (!_ids.TryGetValue(text[i], out ids[i]))
            {
                throw new ArgumentException($"{Describe(text[i])} at position {i} is not in the vocabulary of {VocabularySize} characters.", nameof(text));
            }
        }
        return ids;
    }

    /// <summary>The text of <paramref name="ids"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside [0, VocabularySize).</exception>
    public string Decode(ReadOnlySpan<int> ids)
    {
        var characters = new char[ids.Length];
        for (int i = 0; i < ids.Length; i++) characters[i] = Character(ids[i]);
        return new string(characters);
    }

    private static string Describe(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
