using System;

namespace DslNet;

/// <summary>
/// One mini-batch of an epoch as <see cref="ShuffledBatches"/> gathered it, valid until the next batch is gathered.
/// </summary>
internal readonly ref struct MiniBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, ReadOnlySpan<int> lengths, int size, int number, int seen)
{
    /// <summary>[Size, InputSize].</summary>
    public ReadOnlySpan<float> Inputs { get; } = inputs;

    /// <summary>[Size, TargetSize]; empty when targets are not gathered.</summary>
    public ReadOnlySpan<float> Targets { get; } = targets;

    /// <summary>[Size] sequence lengths; empty when not gathered or the dataset carries none.</summary>
    public ReadOnlySpan<int> Lengths { get; } = lengths;

    /// <summary>Samples in the batch; the last of an epoch may hold fewer than the batch size.</summary>
    public int Size { get; } = size;

    /// <summary>
    /// Samples in the global batch this one is a part of, in a run over several replicas (DslNet.Mpi); <see cref="Size"/>
    /// for a single process. A replica's part may be empty when the last global batch holds fewer samples than there are replicas.
    /// </summary>
    public int GlobalSize { get; init; } = size;

    /// <summary>The batch's place in the epoch, from 1.</summary>
    public int Number { get; } = number;

    /// <summary>Samples of the epoch up to and including this batch (over every replica): the weight of a running mean.</summary>
    public int Seen { get; } = seen;
}
