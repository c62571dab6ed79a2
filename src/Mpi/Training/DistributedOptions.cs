namespace DslNet.Mpi;

/// <summary>How a <see cref="DistributedTrainer"/> spreads a run over the processes; the defaults suit most runs.</summary>
public sealed class DistributedOptions
{
    /// <summary>
    /// The most bytes of gradients summed in one all-reduce call; the gradient vector is cut into buckets of this size,
    /// last layer first (a slice larger than this is a bucket of its own). A bucket's sum starts as soon as back-propagation
    /// has finished the layers it holds, while the earlier layers are still being computed. 64 KiB by default, so that
    /// even a small network's last layers go in buckets of their own; at least 4 (one float).
    /// </summary>
    public int BucketBytes { get; init; } = 1 << 16;

    /// <summary>
    /// Every this many steps (and before the first), the ranks compare a checksum of their parameters, which must be
    /// bit-identical; a difference stops the run on every rank with a <see cref="ReplicasDivergedException"/> naming the
    /// step. 100 by default; 0 turns the check off.
    /// </summary>
    public int ChecksumInterval { get; init; } = 100;

    /// <summary>
    /// Ends the whole job (<see cref="MpiWorld.Abort"/>, naming the rank and the exception) when a call of the trainer fails
    /// on one rank with an exception the other ranks cannot know of, instead of letting the other ranks wait for it forever.
    /// Failures every rank meets at the same step (<see cref="TrainingDivergedException"/>, <see cref="ReplicasDivergedException"/>,
    /// a checkpoint rank 0 cannot read or write) are thrown on every rank as usual. True by default.
    /// </summary>
    public bool AbortOnFailure { get; init; } = true;
}
