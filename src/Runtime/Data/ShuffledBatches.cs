using System;

namespace DslNet;

/// <summary>
/// Gathers a dataset's samples into contiguous mini-batches in a seeded order, shuffled anew for each epoch: the inputs
/// always, the targets and sequence lengths when the trainer learns from them (an autoencoder's target is its input, a GAN
/// has none). Every trainer's <c>Fit</c> walks its data through one of these, so the same seed gives the same order everywhere.
/// </summary>
/// <remarks>
/// In a run over several replicas (DslNet.Mpi), every replica shuffles the same order from the same seed and walks the
/// same global mini-batches of <c>batchSize × replicas</c> samples, but gathers only its own contiguous part of each
/// (<see cref="ReplicaShare"/>): together the replicas see exactly the batches one process would see at the global size.
/// </remarks>
internal sealed class ShuffledBatches
{
    private readonly Dataset _data;
    private readonly int[] _order;
    private readonly FastRandom _random;
    private readonly float[] _inputs;
    // Empty when the trainer does not learn from targets; _lengths also when the dataset carries none.
    private readonly float[] _targets;
    private readonly int[] _lengths;
    private readonly int _replica, _replicas;

    /// <param name="data">The samples, in their stored order before the first shuffle.</param>
    /// <param name="batchSize">Samples per mini-batch; the last of an epoch may hold fewer.</param>
    /// <param name="random">Shuffles the order once per epoch; one generator for the whole run, so every epoch differs.</param>
    /// <param name="withTargets">Whether to gather targets (and lengths, when the dataset has them) beside the inputs.</param>
    /// <param name="replica">This replica's number, from 0, in a run over several; 0 for a single process.</param>
    /// <param name="replicas">The replicas the global batch of <paramref name="batchSize"/> × <paramref name="replicas"/> samples is split over.</param>
    public ShuffledBatches(Dataset data, int batchSize, FastRandom random, bool withTargets = false, int replica = 0, int replicas = 1)
    {
        _data = data;
        _random = random;
        _order = new int[data.Count];
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        _inputs = new float[batchSize * data.InputSize];
        _targets = withTargets ? new float[batchSize * data.TargetSize] : [];
        _lengths = withTargets && data.HasLengths ? new int[batchSize] : [];
        (_replica, _replicas) = (replica, replicas);
        BatchSize = batchSize * replicas;
    }

    /// <summary>Samples per global mini-batch: the batch size times the replicas (the batch size itself for one process).</summary>
    public int BatchSize { get; }

    /// <summary>Samples per epoch.</summary>
    public int Count => _data.Count;

    /// <summary>Mini-batches per epoch, the last possibly short.</summary>
    public int BatchCount => (Count + BatchSize - 1) / BatchSize;

    /// <summary>One training step on a gathered mini-batch.</summary>
    public delegate void BatchStep(MiniBatch batch);

    /// <summary>Shuffles into a new order, then hands each mini-batch of it (this replica's part of it) to <paramref name="step"/> in turn.</summary>
    public void Epoch(BatchStep step)
    {
        _random.Shuffle(_order);
        for (int start = 0; start < Count; start += BatchSize)
        {
            int batch = Math.Min(BatchSize, Count - start);
            step(Gather(start, batch));
        }
    }

    // This replica's part of the samples at positions [start, start + global) of the current order.
    private MiniBatch Gather(int start, int global)
    {
        var (offset, batch) = ReplicaShare.Of(global, _replica, _replicas);
        int inputSize = _data.InputSize, targetSize = _data.TargetSize;
        Span<float> inputs = _inputs.AsSpan(0, batch * inputSize);
        Span<float> targets = _targets.Length == 0 ? Span<float>.Empty : _targets.AsSpan(0, batch * targetSize);
        Span<int> lengths = _lengths.Length == 0 ? Span<int>.Empty : _lengths.AsSpan(0, batch);
        for (int i = 0; i < batch; i++)
        {
            int sample = _order[start + offset + i];
            _data.Input(sample).CopyTo(inputs.Slice(i * inputSize, inputSize));
            if (!targets.IsEmpty) _data.Target(sample).CopyTo(targets.Slice(i * targetSize, targetSize));
            if (!lengths.IsEmpty) lengths[i] = _data.Lengths[sample];
        }
        return new MiniBatch(inputs, targets, lengths, batch, start / BatchSize + 1, start + global) { GlobalSize = global };
    }
}
