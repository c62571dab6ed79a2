using System;
using System.IO;
using System.Text;

namespace DslNet.Mpi;

/// <summary>
/// Trains a network data-parallel over the processes of an MPI job, with the same results as one process at the same
/// global batch. Every rank holds a replica of the network; rank 0's parameters are broadcast at the start; each epoch's
/// shuffled order comes from <see cref="TrainerOptions.Seed"/> (the same on every rank) and each global batch of
/// <see cref="TrainerOptions.BatchSize"/> × ranks samples is split between the ranks; each rank runs forward and backward
/// on its share; the gradients are summed across the ranks (weighted by the shares, so they are the gradients of the
/// global batch's mean loss) and every rank takes the same optimiser step.
/// </summary>
/// <remarks>
/// <para>
/// It runs a <see cref="Trainer"/> on each rank, so everything a <see cref="Trainer"/> does applies, distributed:
/// penalties, clipping, the stop on NaN and the health monitor act on the combined gradients and loss, the same on every
/// rank, so every rank stops at the same step; epoch figures and <see cref="Evaluate"/> are summed over the ranks (each
/// evaluates its share of the data); early stopping follows rank 0's decision. Every network kind works, sequence
/// networks with their lengths, and a <see cref="DataParallelNetwork"/> adds threads inside each rank.
/// </para>
/// <para>
/// <see cref="TrainerOptions.BatchSize"/> is each rank's batch, as in PyTorch's DistributedDataParallel: 2 ranks at 32 take
/// the steps of one process at 64. Image augmentation draws a stream per rank, so augmented runs repeat for a given number
/// of ranks but differ from a one-process run.
/// </para>
/// <para>
/// Every method is collective: call it on every rank, in the same order, with the same arguments (the same datasets on
/// every rank). Progress goes to rank 0's callbacks only, and checkpoints are written by rank 0 and read from rank 0's file.
/// </para>
/// </remarks>
public sealed class DistributedTrainer
{
    private readonly MpiWorld _world;
    private readonly INetwork _network;
    private readonly IOptimizer _optimizer;
    private readonly DistributedOptions _distributed;
    private readonly MpiReplicaGroup _group;

    /// <summary>
    /// Creates the trainer on this rank and broadcasts rank 0's parameters to every rank (collective: every rank constructs
    /// its trainer together).
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="Trainer"/>'s constructor, or a distributed option is out of range.</exception>
    public DistributedTrainer(MpiWorld world, INetwork network, ILoss loss, IOptimizer optimizer, TrainerOptions? options = null, DistributedOptions? distributed = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        distributed ??= new DistributedOptions();
        if (distributed.ChecksumInterval < 0)
        {
            throw new ArgumentException($"{nameof(DistributedOptions)}.{nameof(DistributedOptions.ChecksumInterval)} must be at least 0 (0 turns the check off), got {distributed.ChecksumInterval}.", nameof(distributed));
        }
        if (distributed.BucketBytes < sizeof(float))
        {
            throw new ArgumentException($"{nameof(DistributedOptions)}.{nameof(DistributedOptions.BucketBytes)} must be at least {sizeof(float)} (one float), got {distributed.BucketBytes}.", nameof(distributed));
        }
        _world = world;
        _network = network;
        _optimizer = optimizer;
        _distributed = distributed;
        Trainer = new Trainer(network, loss, optimizer, options);
        _group = new MpiReplicaGroup(world, network, distributed);
        Trainer.Replicas = _group;
        world.Broadcast(network.Parameters, root: 0);
    }

    /// <summary>The world the trainer runs in.</summary>
    public MpiWorld World => _world;

    /// <summary>The gradient-health monitor, when <see cref="TrainerOptions.Health"/> is set: it watches the combined gradients, the same on every rank.</summary>
    public GradientHealthMonitor? Health => Trainer.Health;

    // This rank's trainer, which the distributed calls drive; not public, since its own Fit would skip the rank-0-only progress and the abort.
    private Trainer Trainer { get; }

    /// <summary>What the gradient all-reduce has cost so far on this rank.</summary>
    public AllReduceStatistics Statistics => _group.Statistics;

    /// <summary>
    /// Trains on every rank together, as <see cref="Trainer.Fit"/>: the epoch reports hold the figures of the whole
    /// global batches and of the whole validation set, and go to <paramref name="progress"/> and
    /// <paramref name="batchProgress"/> on rank 0 only (other ranks may pass the same callbacks).
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="Trainer.Fit"/>.</exception>
    /// <exception cref="TrainingDivergedException">On every rank at the same step, as for <see cref="Trainer.Fit"/>.</exception>
    /// <exception cref="ReplicasDivergedException">On every rank, when the ranks' parameters are found to differ.</exception>
    public TrainingHistory Fit(Dataset training, Dataset? validation = null, IProgress<EpochReport>? progress = null, IProgress<BatchReport>? batchProgress = null) =>
        Collective(nameof(Fit), () => Trainer.Fit(training, validation, _world.IsRoot ? progress : null, _world.IsRoot ? batchProgress : null));

    /// <summary>
    /// One step on this rank's share of a global batch (every rank calls it with its own samples; a rank may bring none
    /// only through <see cref="Fit"/>): the gradients are combined across the ranks, weighted by each share.
    /// </summary>
    /// <returns>The mean loss over the global batch plus the penalties, the same on every rank.</returns>
    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batch)
    {
        // Spans cannot enter Collective's lambda, hence the try here.
        float loss = 0;
        try
        {
            loss = Trainer.TrainStep(inputs, targets, batch);
        }
        catch (Exception e) when (ShouldAbort(e))
        {
            AbortFor(nameof(TrainStep), e);
        }
        return loss;
    }

    /// <summary>The loss (and accuracy) over the whole of <paramref name="data"/>, each rank evaluating its share; the same on every rank.</summary>
    public Evaluation Evaluate(Dataset data) => Collective(nameof(Evaluate), () => Trainer.Evaluate(data));

    /// <summary>
    /// Saves a checkpoint of the network and the optimiser (<see cref="Checkpoint.Save"/>), written by rank 0 alone; the
    /// other ranks wait until it is written. Every rank's parameters are the same, so rank 0's stand for all.
    /// </summary>
    /// <exception cref="IOException">On every rank, when rank 0 could not write the file; the message is rank 0's.</exception>
    public void SaveCheckpoint(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string? failure = null;
        if (_world.IsRoot)
        {
            try
            {
                Checkpoint.Save(path, _network, _optimizer);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                failure = e.Message;
            }
        }
        failure = BroadcastText(failure);
        if (failure is not null) throw new IOException($"Rank 0 could not save the checkpoint: {failure}");
    }

    /// <summary>
    /// Loads a checkpoint into every rank's network and optimiser: rank 0 reads the file and broadcasts its bytes, so the
    /// other machines need not see it; each rank then checks and loads them (<see cref="Checkpoint.Read"/>).
    /// </summary>
    /// <exception cref="IOException">On every rank, when rank 0 could not read the file.</exception>
    /// <exception cref="InvalidDataException">On every rank, when the checkpoint does not fit the network or optimiser (nothing changed).</exception>
    public void LoadCheckpoint(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = [];
        string? failure = null;
        if (_world.IsRoot)
        {
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failure = e.Message;
            }
        }
        failure = BroadcastText(failure);
        if (failure is not null) throw new IOException($"Rank 0 could not read the checkpoint: {failure}");
        bytes = BroadcastBytes(bytes)!;
        using var stream = new MemoryStream(bytes, writable: false);
        Checkpoint.Read(stream, _network, _optimizer);
    }

    private T Collective<T>(string call, Func<T> run)
    {
        try
        {
            return run();
        }
        catch (Exception e) when (ShouldAbort(e))
        {
            AbortFor(call, e);
            throw; // not reached: AbortFor ends the process
        }
    }

    // Exceptions every rank raises at the same point are the caller's to handle; any other leaves the other ranks
    // waiting in their next collective call, so it ends the job.
    private bool ShouldAbort(Exception e) =>
        _distributed.AbortOnFailure && e is not (TrainingDivergedException or ReplicasDivergedException);

    private void AbortFor(string call, Exception e) =>
        _world.Abort($"{nameof(DistributedTrainer)}.{call} failed on this rank, and the other ranks cannot go on without it: {e}");

    // Rank 0's text (or null) on every rank.
    private string? BroadcastText(string? text) =>
        BroadcastBytes(text is null ? null : Encoding.UTF8.GetBytes(text)) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    // Rank 0's bytes (or null) on every rank; the other ranks' argument is ignored.
    private byte[]? BroadcastBytes(byte[]? bytes)
    {
        // The length goes first (a double holds any int exactly), -1 for null.
        Span<double> length = [bytes is null ? -1 : bytes.Length];
        _world.Broadcast(length, root: 0);
        if (length[0] < 0) return null;
        if (!_world.IsRoot) bytes = new byte[(int)length[0]];
        if (bytes!.Length > 0) _world.Broadcast(bytes.AsSpan(), root: 0);
        return bytes;
    }
}
