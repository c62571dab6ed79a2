using System;
using System.IO;
using System.IO.Compression;

namespace DslNet.Samples;

/// <summary>
/// Tiny Shakespeare as character ids in windows: the first 90 % trains and the last 10 % validates (as char-rnn and
/// nanoGPT split it). The vocabulary is read from the whole text, so --limit does not change the models' sizes.
/// </summary>
internal sealed record CharCorpus(CharTokenizer Tokenizer, int Characters, Dataset Training, Dataset Validation)
{
    /// <summary>
    /// Reads <see cref="CharOptions.DataPath"/> and cuts windows of <see cref="CharOptions.TimeSteps"/>; null after
    /// printing why when the file is missing or damaged or its vocabulary is not the <paramref name="vocabulary"/> characters
    /// the models are declared for.
    /// </summary>
    public static CharCorpus? Load(CharOptions options, int vocabulary, string declaredIn)
    {
        if (!SampleData.TryLoad("tiny Shakespeare", options.DataPath,
            "Pass --data <path to tinyshakespeare.txt.gz> (the repository has it in samples/data/).", () => ReadText(options.DataPath), out var text))
            return null;
        var tokenizer = CharTokenizer.FromCorpus(text);
        if (tokenizer.VocabularySize != vocabulary)
        {
            Console.Error.WriteLine($"The corpus has {tokenizer.VocabularySize} distinct characters, but the models are declared for {vocabulary}; change [Embedding] and the last [Dense] in {declaredIn} to match.");
            return null;
        }
        if (options.Limit is int limit && limit < text.Length) text = text.Substring(0, limit);
        int[] ids = tokenizer.Encode(text);
        int split = ids.Length * 9 / 10;
        return new CharCorpus(
            tokenizer,
            ids.Length,
            CharWindows.Create(ids.AsSpan(0, split), options.TimeSteps, vocabulary),
            CharWindows.Create(ids.AsSpan(split), options.TimeSteps, vocabulary));
    }

    private static string ReadText(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        return reader.ReadToEnd();
    }

    /// <summary>One line: characters, vocabulary and windows.</summary>
    public string Description(int timeSteps) =>
        $"Tiny Shakespeare: {Characters:N0} characters, {Tokenizer.VocabularySize} distinct; {Training.Count:N0} training and {Validation.Count:N0} validation windows of {timeSteps} steps.";
}
