using System;
using System.Collections.Generic;
using DslNet;

namespace ReverseDigitsSample;

/// <summary>
/// Sequences of random digits and their reversal, laid out for next-token prediction by a causal network. For n digits
/// a sample has 2n steps:
///   input   d₁ d₂ … dₙ | dₙ   … d₂   (| is <see cref="Separator"/>)
///   target  ·  ·  … ·  dₙ dₙ₋₁ … d₁   (· is an all-zero row: no loss there)
/// Step n + i, from the separator on, must name dₙ₋ᵢ, which sits 2i + 1 steps back: the distance changes at every
/// step, so the network has to find the digit by its position, which is what attention does and a fixed window
/// cannot. The input after the separator is the reversal so far, as a decoder sees its own output.
/// </summary>
public sealed class Reversals
{
    /// <summary>The symbols of a sequence, 0–9: also the classes of every prediction.</summary>
    public const int Digits = 10;

    /// <summary>The token between the digits and their reversal.</summary>
    public const int Separator = Digits;

    /// <summary>Distinct input tokens: the digits and the separator.</summary>
    public const int Vocabulary = Digits + 1;

    private readonly int[] _digits;

    private Reversals(int[] digits, int count, int length)
    {
        _digits = digits;
        Count = count;
        Length = length;
        var inputs = new float[count * TimeSteps];
        var targets = new float[count * TimeSteps * Digits];
        for (int n = 0; n < count; n++)
        {
            ReadOnlySpan<int> sequence = Sequence(n);
            Span<float> input = inputs.AsSpan(n * TimeSteps, TimeSteps);
            for (int i = 0; i < length; i++) input[i] = sequence[i];
            input[length] = Separator;
            for (int i = 1; i < length; i++) input[length + i] = sequence[length - i];
            for (int i = 0; i < length; i++) targets[(n * TimeSteps + length + i) * Digits + sequence[length - 1 - i]] = 1f;
        }
        Data = new Dataset(inputs, targets, count);
    }

    /// <summary>The number of sequences.</summary>
    public int Count { get; }

    /// <summary>Digits per sequence, n.</summary>
    public int Length { get; }

    /// <summary>Steps per sample, 2n: the digits, the separator and all but the last digit of the reversal.</summary>
    public int TimeSteps => 2 * Length;

    /// <summary>Inputs [Count, TimeSteps] of token ids and targets [Count, TimeSteps, Digits], ready for a <see cref="Trainer"/>.</summary>
    public Dataset Data { get; }

    /// <summary>The digits of sequence <paramref name="index"/>, in their original order.</summary>
    public ReadOnlySpan<int> Sequence(int index) => _digits.AsSpan(index * Length, Length);

    /// <summary>
    /// <paramref name="count"/> sequences of <paramref name="length"/> uniform random digits, none of which occurs in
    /// <paramref name="heldOut"/>, so a test set made first stays unseen by a training set made after it.
    /// </summary>
    public static Reversals Generate(int count, int length, int seed, Reversals? heldOut = null)
    {
        if (length < 2) throw new ArgumentOutOfRangeException(nameof(length), length, "A reversal needs at least 2 digits.");
        if (heldOut is not null && heldOut.Length != length) throw new ArgumentException($"The held-out sequences have {heldOut.Length} digits, not {length}.", nameof(heldOut));
        var excluded = new HashSet<string>();
        for (int n = 0; n < (heldOut?.Count ?? 0); n++) excluded.Add(Key(heldOut!.Sequence(n)));
        var random = new FastRandom(seed);
        var digits = new int[count * length];
        for (int n = 0; n < count; n++)
        {
            Span<int> sequence = digits.AsSpan(n * length, length);
            do
            {
                for (int i = 0; i < length; i++) sequence[i] = random.NextInt(Digits);
            }
            while (excluded.Contains(Key(sequence)));
        }
        return new Reversals(digits, count, length);
    }

    /// <summary>The digits as text, "31415926".</summary>
    public static string Text(ReadOnlySpan<int> digits)
    {
        var characters = new char[digits.Length];
        for (int i = 0; i < digits.Length; i++) characters[i] = (char)('0' + digits[i]);
        return new string(characters);
    }

    private static string Key(ReadOnlySpan<int> digits) => Text(digits);
}
