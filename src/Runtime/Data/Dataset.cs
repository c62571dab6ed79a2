using System;
using System.Numerics.Tensors;

namespace DslNet;

/// <summary>
/// Samples held in memory as two row-major arrays: inputs [count, inputSize] and targets [count, targetSize].
/// The arrays are used as given, not copied.
/// </summary>
public sealed class Dataset
{
    private readonly float[] _inputs;
    private readonly float[] _targets;
    private readonly int[]? _lengths;

    /// <summary>
    /// Wraps <paramref name="inputs"/> [count, inputSize] and <paramref name="targets"/> [count, targetSize]; for
    /// sequences of different lengths, <paramref name="lengths"/> gives each sample's own number of steps (the rest of
    /// its input is padding, which a sequence network ignores). Every value must be finite, as one NaN turns every weight
    /// into NaN within a step; <paramref name="allowNonFinite"/> lifts that check for data that means it.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="count"/> is not positive, a length is not a positive multiple of it, <paramref name="lengths"/> does not hold one non-negative length per sample, or a value is NaN or infinite (the message names the sample and position).</exception>
    public Dataset(float[] inputs, float[] targets, int count, int[]? lengths = null, bool allowNonFinite = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (count <= 0)
        {
            throw new ArgumentException($"A dataset needs at least one sample, got count {count}.", nameof(count));
        }
        InputSize = SampleSize(inputs.Length, count, nameof(inputs));
        TargetSize = SampleSize(targets.Length, count, nameof(targets));
        if (!allowNonFinite)
        {
            CheckFinite(inputs, InputSize, nameof(inputs));
            CheckFinite(targets, TargetSize, nameof(targets));
        }
        _inputs = inputs;
        _targets = targets;
        Count = count;
        AllowsNonFinite = allowNonFinite;
        if (lengths is not null)
        {
            if (lengths.Length != count)
            {
                throw new ArgumentException($"lengths must hold one length per sample, {count}, got {lengths.Length}.", nameof(lengths));
            }
            for (int i = 0; i < count; i++)
            {
                if (lengths[i] < 0) throw new ArgumentException($"lengths[{i}] is {lengths[i]}; a sequence length cannot be negative.", nameof(lengths));
            }
            _lengths = lengths;
        }
    }

    /// <summary>Whether the dataset was built with <c>allowNonFinite</c>, so it may hold NaN or infinite values.</summary>
    public bool AllowsNonFinite { get; }

    /// <summary>Whether the samples carry their own sequence lengths.</summary>
    public bool HasLengths => _lengths is not null;

    /// <summary>Each sample's sequence length, [Count]; empty when the samples carry none.</summary>
    public ReadOnlySpan<int> Lengths => _lengths;

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>Floats per input sample.</summary>
    public int InputSize { get; }

    /// <summary>Floats per target sample.</summary>
    public int TargetSize { get; }

    /// <summary>Every input, [Count, InputSize]; the trainer reads contiguous batches from it.</summary>
    internal ReadOnlySpan<float> Inputs => _inputs;

    /// <summary>Every target, [Count, TargetSize].</summary>
    internal ReadOnlySpan<float> Targets => _targets;

    /// <summary>The input of sample <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, Count).</exception>
    public ReadOnlySpan<float> Input(int index)
    {
        CheckIndex(index);
        return _inputs.AsSpan(index * InputSize, InputSize);
    }

    /// <summary>The target of sample <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, Count).</exception>
    public ReadOnlySpan<float> Target(int index)
    {
        CheckIndex(index);
        return _targets.AsSpan(index * TargetSize, TargetSize);
    }

    /// <summary>
    /// A classification dataset: <paramref name="inputs"/> [labels.Length, inputSize] and one-hot targets
    /// [labels.Length, classCount] made from the class indices in <paramref name="labels"/>. The inputs must be finite
    /// unless <paramref name="allowNonFinite"/> is set.
    /// </summary>
    /// <exception cref="ArgumentException">There are fewer than two classes, no labels, a label outside [0, classCount), inputs that do not divide into the samples, or a NaN or infinite input (the message names the sample).</exception>
    public static Dataset FromLabels(float[] inputs, int[] labels, int classCount, bool allowNonFinite = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        if (classCount < 2)
        {
            throw new ArgumentException($"One-hot targets need at least 2 classes, got classCount {classCount}.", nameof(classCount));
        }
        var targets = new float[(long)labels.Length * classCount];
        for (int i = 0; i < labels.Length; i++)
        {
            int label = labels[i];
            if ((uint)label >= (uint)classCount)
            {
                throw new ArgumentException($"labels[{i}] is {label}, outside the classes [0, {classCount}).", nameof(labels));
            }
            targets[i * classCount + label] = 1f;
        }
        return new Dataset(inputs, targets, labels.Length, allowNonFinite: allowNonFinite);
    }

    /// <summary>
    /// Shuffles the samples with <paramref name="seed"/> and splits them into two new datasets, the first
    /// holding <c>round(Count · firstFraction)</c> samples. The same seed gives the same split.
    /// </summary>
    /// <exception cref="ArgumentException">The fraction is not inside (0, 1), or either part would be empty.</exception>
    public (Dataset First, Dataset Second) Split(double firstFraction, int seed)
    {
        if (!(firstFraction > 0 && firstFraction < 1))
        {
            throw new ArgumentException($"The first part's fraction must be strictly between 0 and 1, got {firstFraction}.", nameof(firstFraction));
        }
        int firstCount = (int)Math.Round(Count * firstFraction, MidpointRounding.AwayFromZero);
        if (firstCount == 0 || firstCount == Count)
        {
            throw new ArgumentException(
                $"Splitting {Count} samples at fraction {firstFraction} gives parts of {firstCount} and {Count - firstCount}; both must hold at least one sample.",
                nameof(firstFraction));
        }
        var order = new int[Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        new FastRandom(seed).Shuffle(order);
        return (Gather(order.AsSpan(0, firstCount)), Gather(order.AsSpan(firstCount)));
    }

    private Dataset Gather(ReadOnlySpan<int> indices)
    {
        var inputs = new float[indices.Length * InputSize];
        var targets = new float[indices.Length * TargetSize];
        var lengths = _lengths is null ? null : new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            Input(indices[i]).CopyTo(inputs.AsSpan(i * InputSize, InputSize));
            Target(indices[i]).CopyTo(targets.AsSpan(i * TargetSize, TargetSize));
            if (lengths is not null) lengths[i] = _lengths![indices[i]];
        }
        return new Dataset(inputs, targets, indices.Length, lengths, AllowsNonFinite);
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The dataset holds samples [0, {Count}).");
        }
    }

    // One sum over the whole array finds any NaN or infinity; only then is it searched, for the message.
    private static void CheckFinite(float[] values, int sampleSize, string parameterName)
    {
        if (float.IsFinite(TensorPrimitives.Sum(values))) return;
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsFinite(values[i])) continue;
            throw new ArgumentException(
                $"{parameterName}[{i}] (sample {i / sampleSize}, value {i % sampleSize} of {sampleSize}) is {values[i]}; a dataset holds finite numbers (pass allowNonFinite: true to keep it anyway).",
                parameterName);
        }
    }

    private static int SampleSize(int length, int count, string parameterName)
    {
        if (length == 0 || length % count != 0)
        {
            throw new ArgumentException(
                $"{parameterName} must hold count × sampleSize floats with sampleSize ≥ 1; {length} floats do not divide into {count} samples.",
                parameterName);
        }
        return length / count;
    }
}
