using System;
using System.Text;
using DslNet;

namespace CharLstmSample;

/// <summary>
/// Writes text one character at a time with the stateful <see cref="CharGenerator"/>: the prime text warms the state
/// up, then each next character is drawn from the predicted distribution sharpened or flattened by a temperature.
/// </summary>
internal sealed class TextSampler(CharGenerator generator, CharTokenizer tokenizer, int seed)
{
    private readonly float[] _input = new float[1];
    private readonly float[] _probabilities = new float[CharGenerator.StepOutputSize];
    private readonly double[] _weights = new double[CharGenerator.StepOutputSize];
    private readonly FastRandom _random = new(seed);

    /// <summary><paramref name="prime"/> followed by <paramref name="length"/> sampled characters.</summary>
    /// <param name="temperature">Below 1 picks likely characters more often; above 1 flattens the distribution.</param>
    public string Write(string prime, int length, double temperature)
    {
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be positive.");
        generator.TimeSteps = 1;
        generator.ResetState();
        var text = new StringBuilder(prime);
        foreach (int id in tokenizer.Encode(prime)) Step(id);
        for (int i = 0; i < length; i++)
        {
            int next = Sample(temperature);
            text.Append(tokenizer.Character(next));
            Step(next);
        }
        return text.ToString();
    }

    private void Step(int id)
    {
        _input[0] = id;
        generator.Forward(_input, _probabilities, batch: 1);
    }

    private int Sample(double temperature)
    {
        // p^(1/T), renormalised: the softmax of logits / T.
        double total = 0;
        for (int c = 0; c < _weights.Length; c++) total += _weights[c] = Math.Pow(Math.Max(_probabilities[c], 1e-12), 1 / temperature);
        double u = _random.NextFloat() * total;
        for (int c = 0; c < _weights.Length; c++)
        {
            u -= _weights[c];
            if (u <= 0) return c;
        }
        return _weights.Length - 1;
    }
}
