using System;

namespace DslNet;

/// <summary>
/// Gathers a dataset's samples into contiguous mini-batches in a seeded order, shuffled anew for each epoch: the inputs
/// always, the targets and sequence lengths when the trainer learns from them (an autoencoder's target is its input, a GAN
/// has none). Every trainer's <c>Fit</c> walks its data through one of these, so the same seed gives the same order everywhere.
/// </summary>
internal sealed class ShuffledBatches
{
    private readonly Dataset _data;
    private readonly int[] _order;
    private readonly FastRandom _random;
    private readonly float[] _inputs;
    // Empty when the trainer does not learn from targets; _lengths also when the dataset carries none.
    private readonly float[] _targets;
    private readonly int[] _lengths;

    /// <param name="data">The samples, in their stored order before the first shuffle.</param>
    /// <param name="batchSize">Samples per mini-batch; the last of an epoch may hold fewer.</param>
    /// <param name="random">Shuffles the order once per epoch; one generator for the whole run, so every epoch differs.</param>
    /// <param name="withTargets">Whether to gather targets (and lengths, when the dataset has them) beside the inputs.</param>
    public ShuffledBatches(Dataset data, int batchSize, FastRandom random, bool withTargets = false)
    {
        _data = data;
        _random = random;
        _order = new int[data.Count];
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        _inputs = new float[batchSize * data.InputSize];
        _targets = withTargets ? new float[batchSize * data.TargetSize] : [];
        _lengths = withTargets && data.HasLengths ? new int[batchSize] : [];
        BatchSize = batchSize;
    }

    public int BatchSize { get; }

    /// <summary>Samples per epoch.</summary>
    public int Count => _data.Count;

    /// <summary>Mini-batches per epoch, the last possibly short.</summary>
    public int BatchCount => (Count + BatchSize - 1) / BatchSize;

    /// <summary>One training step on a gathered mini-batch.</summary>
    public delegate void BatchStep(MiniBatch batch);

    /// <summary>Shuffles into a new order, then hands each mini-batch of it to <paramref name="step"/> in turn.</summary>
    public void Epoch(BatchStep step)
    {
        _random.Shuffle(_order);
        for (int start = 0; start < Count; start += BatchSize)
        {
            int batch = Math.Min(BatchSize, Count - start);
            step(Gather(start, batch));
        }
    }

    // The samples at positions [start, start + batch) of the current order.
    private MiniBatch Gather(int start, int batch)
    {
        int inputSize = _data.InputSize, targetSize = _data.TargetSize;
        Span<float> inputs = _inputs.AsSpan(0, batch * inputSize);
        Span<float> targets = _targets.Length == 0 ? Span<float>.Empty : _targets.AsSpan(0, batch * targetSize);
        Span<int> lengths = _lengths.Length == 0 ? Span<int>.Empty : _lengths.AsSpan(0, batch);
        for (int i = 0; i < batch; i++)
        {
            int sample = _order[start + i];
            _data.Input(sample).CopyTo(inputs.Slice(i * inputSize, inputSize));
            if (!targets.IsEmpty) _data.Target(sample).CopyTo(targets.Slice(i * targetSize, targetSize));
            if (!lengths.IsEmpty) lengths[i] = _data.Lengths[sample];
        }
        return new MiniBatch(inputs, targets, lengths, batch, start / BatchSize + 1, start + batch);
    }
}
