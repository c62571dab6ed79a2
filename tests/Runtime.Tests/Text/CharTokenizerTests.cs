using System;
using Xunit;

namespace DslNet.Tests;

public sealed class CharTokenizerTests
{
    [Fact]
    public void The_vocabulary_is_the_sorted_distinct_characters_and_text_round_trips()
    {
        var tokenizer = CharTokenizer.FromCorpus("to be, or not to be\n");
        Assert.Equal("\n ,benort", tokenizer.Vocabulary);
        Assert.Equal(9, tokenizer.VocabularySize);
        int[] ids = tokenizer.Encode("be or not");
        Assert.Equal([3, 4, 1, 6, 7, 1, 5, 6, 8], ids);
        Assert.Equal("be or not", tokenizer.Decode(ids));
        Assert.Equal(8, tokenizer.Id('t'));
        Assert.Equal('t', tokenizer.Character(8));
    }

    [Fact]
    public void A_saved_vocabulary_rebuilds_the_same_tokenizer()
    {
        var original = CharTokenizer.FromCorpus("First Citizen:\nBefore we proceed");
        var rebuilt = CharTokenizer.FromVocabulary(original.Vocabulary);
        Assert.Equal(original.Encode("we proceed"), rebuilt.Encode("we proceed"));
    }

    [Fact]
    public void Unknown_characters_and_ids_are_named()
    {
        var tokenizer = CharTokenizer.FromCorpus("abc");
        var unknown = Assert.Throws<ArgumentException>(() => tokenizer.Encode("abz"));
        Assert.Contains("'z' at position 2 is not in the vocabulary of 3 characters", unknown.Message);
        var newline = Assert.Throws<ArgumentException>(() => tokenizer.Id('\n'));
        Assert.Contains("U+000A", newline.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Decode([0, 3]));
        Assert.Throws<ArgumentException>(() => CharTokenizer.FromCorpus(""));
        Assert.Contains("repeats 'a'", Assert.Throws<ArgumentException>(() => CharTokenizer.FromVocabulary("aba")).Message);
    }
}
