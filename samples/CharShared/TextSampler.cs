using System;
using System.Text;

namespace DslNet.Samples;

/// <summary>
/// Writes text with a language model one character at a time: the prime text is read first, then each next character
/// is drawn from the predicted distribution sharpened or flattened by a temperature, and read in turn.
/// </summary>
internal sealed class TextSampler(ICharacterPredictor predictor, CharTokenizer tokenizer, int seed)
{
    private readonly double[] _weights = new double[tokenizer.VocabularySize];
    private readonly FastRandom _random = new(seed);

    /// <summary><paramref name="prime"/> (at least one character) followed by <paramref name="length"/> sampled characters.</summary>
    /// <param name="temperature">Below 1 picks likely characters more often; above 1 flattens the distribution.</param>
    public string Write(string prime, int length, double temperature)
    {
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be positive.");
        if (string.IsNullOrEmpty(prime)) throw new ArgumentException("The prime text needs at least one character to predict from.", nameof(prime));
        predictor.Reset();
        var text = new StringBuilder(prime);
        ReadOnlySpan<float> next = default;
        foreach (int id in tokenizer.Encode(prime)) next = predictor.Read(id);
        for (int i = 0; i < length; i++)
        {
            int id = Sample(next, temperature);
            text.Append(tokenizer.Character(id));
            next = predictor.Read(id);
        }
        return text.ToString();
    }

    private int Sample(ReadOnlySpan<float> probabilities, double temperature)
    {
        // p^(1/T), renormalised: the softmax of logits / T.
        double total = 0;
        for (int c = 0; c < _weights.Length; c++) total += _weights[c] = Math.Pow(Math.Max(probabilities[c], 1e-12), 1 / temperature);
        double u = _random.NextFloat() * total;
        for (int c = 0; c < _weights.Length; c++)
        {
            u -= _weights[c];
            if (u <= 0) return c;
        }
        return _weights.Length - 1;
    }
}
