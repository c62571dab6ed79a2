using System;

namespace DslNet;

/// <summary>
/// Gathers the inputs of a dataset into contiguous mini-batches in a seeded, per-epoch shuffled order: the
/// generative trainers learn from inputs alone (an autoencoder's target is its input, a GAN has none).
/// </summary>
internal sealed class ShuffledBatches
{
    private readonly Dataset _data;
    private readonly int[] _order;
    private readonly float[] _buffer;
    private readonly FastRandom _random;

    public ShuffledBatches(Dataset data, int batchSize, FastRandom random)
    {
        _data = data;
        _random = random;
        _order = new int[data.Count];
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        _buffer = new float[batchSize * data.InputSize];
        BatchSize = batchSize;
    }

    public int BatchSize { get; }

    public int Count => _data.Count;

    /// <summary>One training step on a gathered mini-batch [batch, InputSize].</summary>
    public delegate void BatchStep(ReadOnlySpan<float> inputs, int batch);

    /// <summary>Shuffles into a new order, then hands each mini-batch of it to <paramref name="step"/> (the last may be short).</summary>
    public void Epoch(BatchStep step)
    {
        _random.Shuffle(_order);
        for (int start = 0; start < Count; start += BatchSize)
        {
            int batch = Math.Min(BatchSize, Count - start);
            step(Gather(start, batch), batch);
        }
    }

    // The inputs of the samples at positions [start, start + batch) of the current order, [batch, InputSize].
    private ReadOnlySpan<float> Gather(int start, int batch)
    {
        int size = _data.InputSize;
        for (int i = 0; i < batch; i++) _data.Input(_order[start + i]).CopyTo(_buffer.AsSpan(i * size, size));
        return _buffer.AsSpan(0, batch * size);
    }
}
