using System;
using System.Numerics.Tensors;
using System.Threading;
using DslNet.CompilerServices;

namespace DslNet;

/// <summary>
/// Runs a network on several threads by splitting each batch into contiguous row ranges, one per part: part 0 runs
/// on the network itself and part p on a replica (<see cref="INetwork.CreateReplica"/>) that shares its parameters.
/// Backward then adds the replicas' parameter gradients to the network's in part order. The split depends only on
/// the batch and the thread count, so a given thread count gives bit-identical results run after run; another
/// thread count changes only how the float sums are grouped. Use it wherever an <see cref="INetwork"/> goes (a
/// <see cref="Trainer"/>, say); it owns its threads, so dispose it when training ends.
/// </summary>
/// <remarks>
/// Each call copies the rows of parts 1, 2, … of the batch's inputs (and output gradients) into buffers of its own,
/// because a span cannot cross threads; part 0 runs on the caller's spans. The copy is small beside the step it feeds
/// (docs/threads.md, "Limits", has its cost). A batch of one row runs on the calling thread, on the network itself, unchanged.
/// When a worker is late with its part, the caller runs that part again on a spare replica and keeps whichever run
/// finishes first (<see cref="BackupRuns"/>): the same rows on the same parameters give the same bits on any copy, so
/// this never changes a result. A network with dropout keeps one copy per part (a spare's masks would differ).
/// A network over sequences goes in a <see cref="DataParallelSequenceNetwork"/>, which splits the batch's sequence
/// lengths with its rows; this class refuses it, so that a wrapper is an <see cref="ISequenceNetwork"/> exactly when
/// its network is one.
/// </remarks>
public class DataParallelNetwork : INetwork, IDisposable
{
    // The wrapper's own name, for messages.
    private readonly string _name;
    private readonly INetwork _network;
    // The copies that run part p, at index p (index 0, the network itself, is unused: part 0 is the caller's).
    private readonly RangeCopies[] _ranges;
    // The network, then every copy of every part: what TimeSteps and ResetState reach.
    private readonly INetwork[] _allNetworks;
    private readonly WorkerTeam _team;
    private readonly IBackedUpJob _forwardJob, _backwardJob;
    private readonly Action<int> _reducePart;
    // The copy whose backward won, per part, for the gradient sums.
    private readonly int[] _backwardCopy;

    // Rows of parts 1, 2, … of the current call's batch, copied in, [capacity, size] (part 0's rows stay unused).
    private float[] _input = [], _outputGradient = [];
    // The current call's sequence lengths, [capacity].
    private int[] _lengths = [];
    // The largest part, in rows, that the copies have grown to.
    private int _partCapacity;
    // What the threads running parts need to know of the current call, and the team job it belongs to (-1 between
    // calls): a run of a job that is over sees the mismatch and touches nothing.
    private Call _call;
    private long _callJob = -1;
    // Forward calls so far: a copy's activations are stamped with the call that made them.
    private long _forwards;
    private bool _forwardWithLengths;
    // Parts of the last Backward, for the gradient sums.
    private int _reducedParts;
    // The batch of the last training Forward, or -1.
    private int _trainingBatch = -1;

    /// <summary>Wraps <paramref name="network"/> to run on <paramref name="threads"/> threads (the caller's included).</summary>
    /// <param name="network">A feed-forward network that can be replicated (every generated one can).</param>
    /// <param name="threads">1 to 64; 2 on this project's two-core machines.</param>
    /// <param name="spinTime">How long idle threads spin before they sleep (<see cref="WorkerTeam"/>); 200 µs when null.</param>
    /// <exception cref="ArgumentException"><paramref name="network"/> is a sequence network (wrap it in a <see cref="DataParallelSequenceNetwork"/>).</exception>
    /// <exception cref="NotSupportedException"><paramref name="network"/> cannot be replicated.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is outside 1 to 64, or <paramref name="spinTime"/> outside 0 to 1 s.</exception>
    public DataParallelNetwork(INetwork network, int threads, TimeSpan? spinTime = null)
        : this(FeedForward(network), threads, spinTime, nameof(DataParallelNetwork))
    {
    }

    /// <summary>The wrapper of any network, checked by the public constructors; <paramref name="name"/> goes in messages.</summary>
    private protected DataParallelNetwork(INetwork network, int threads, TimeSpan? spinTime, string name)
    {
        _name = name;
        _team = new WorkerTeam(threads, spinTime);
        _network = network;
        BacksUpLateParts = threads > 1 && RerunsAreExact(network);
        _ranges = new RangeCopies[threads];
        var all = new INetwork[1 + (threads - 1) * (BacksUpLateParts ? 2 : 1)];
        all[0] = network;
        try
        {
            for (int p = 1; p < threads; p++)
            {
                _ranges[p] = new RangeCopies(network, stream: p, count: BacksUpLateParts ? 2 : 1);
                for (int c = 0; c < _ranges[p].Count; c++) all[1 + (p - 1) * _ranges[p].Count + c] = _ranges[p][c];
            }
        }
        catch
        {
            _team.Dispose();
            throw;
        }
        _allNetworks = all;
        _backwardCopy = new int[threads];
        _forwardJob = new ForwardJob(this);
        _backwardJob = new BackwardJob(this);
        _reducePart = ReducePart;
    }

    /// <summary>The threads a batch is split over, the caller's included.</summary>
    public int Threads => _team.Threads;

    /// <summary>The network that was wrapped: its parameters and gradients are the ones this wrapper shows.</summary>
    public INetwork Network => _network;

    /// <summary>Bytes the worker threads have allocated (<see cref="WorkerTeam.WorkerAllocatedBytes"/>): steady steps leave it unchanged.</summary>
    public long WorkerAllocatedBytes => _team.WorkerAllocatedBytes;

    /// <summary>Jobs in which the caller waited for a paused worker, each of which sent the workers to rest (<see cref="WorkerTeam"/>).</summary>
    public long LateJobs => _team.LateJobs;

    /// <summary>
    /// Whether the caller re-runs a part a worker is late with on a spare replica (<see cref="BackupRuns"/>): true for a
    /// generated network without dropout on two or more threads. Dropout draws each copy's masks from its own random
    /// stream, so a re-run would not give the same bits; such a network waits for its workers, and so does a network
    /// that does not describe its layers (<see cref="IDescribedNetwork"/>), since nothing says a re-run is exact.
    /// </summary>
    public bool BacksUpLateParts { get; }

    /// <summary>Parts the caller ran again on a spare replica because a worker was late with them.</summary>
    public long BackupRuns => _team.BackupRuns;

    /// <summary>
    /// For tests: called with the part and whether it is a backward, on the thread that runs it, not for a backup: for
    /// part 0 on the caller before it runs, for another part once its thread holds a copy. A hook that blocks a worker
    /// plays a worker the system paused mid-part.
    /// </summary>
    internal Action<int, bool>? PartStarting { get; set; }

    /// <inheritdoc/>
    public int InputSize => _network.InputSize;

    /// <inheritdoc/>
    public int OutputSize => _network.OutputSize;

    /// <inheritdoc/>
    public int ParameterCount => _network.ParameterCount;

    /// <inheritdoc/>
    public Activation OutputActivation => _network.OutputActivation;

    /// <inheritdoc/>
    public Span<float> Parameters => _network.Parameters;

    /// <inheritdoc/>
    public Span<float> Gradients => _network.Gradients;

    /// <inheritdoc/>
    public ParameterLayout Layout => _network.Layout;

    /// <inheritdoc/>
    public void InitializeParameters(int seed) => _network.InitializeParameters(seed);

    /// <inheritdoc/>
    public void ZeroGradients() => _network.ZeroGradients();

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, bool training = false) =>
        SplitForward(input, output, batch, ReadOnlySpan<int>.Empty, training);

    /// <summary>
    /// As <see cref="Forward(ReadOnlySpan{float}, Span{float}, int, bool)"/>, with a sequence network's per-sample
    /// <paramref name="lengths"/> (empty: none), which are split with the rows: each part gets its own rows' lengths.
    /// </summary>
    private protected void SplitForward(ReadOnlySpan<float> input, Span<float> output, int batch, ReadOnlySpan<int> lengths, bool training)
    {
        NetworkArguments.CheckBatch(batch, _name);
        NetworkArguments.CheckLength(input.Length, batch, InputSize, nameof(input), _name);
        NetworkArguments.CheckLength(output.Length, batch, OutputSize, nameof(output), _name);
        if (!lengths.IsEmpty) NetworkArguments.CheckLengths(lengths, batch, ((ISequenceNetwork)_network).TimeSteps, _name);
        _trainingBatch = -1;
        int parts = Math.Min(Threads, batch);
        if (parts == 1)
        {
            Forward(_network, input, output, batch, lengths, training);
        }
        else
        {
            int inputSize = InputSize, outputSize = OutputSize;
            EnsureCapacity(batch, parts);
            var call = new Call(batch, parts, inputSize, outputSize, ++_forwards, training, !lengths.IsEmpty, false, false);
            int ownRows = call.Rows(0).Count;
            input.Slice(ownRows * inputSize, (batch - ownRows) * inputSize).CopyTo(_input.AsSpan(ownRows * inputSize));
            if (call.WithLengths) lengths.Slice(ownRows, batch - ownRows).CopyTo(_lengths.AsSpan(ownRows));
            _forwardWithLengths = call.WithLengths;
            Begin(call, _forwardJob);
            try
            {
                PartStarting?.Invoke(0, false);
                Forward(_network, input.Slice(0, ownRows * inputSize), output.Slice(0, ownRows * outputSize), ownRows, call.WithLengths ? lengths.Slice(0, ownRows) : ReadOnlySpan<int>.Empty, training);
            }
            finally
            {
                End();
            }
            for (int p = 1; p < parts; p++)
            {
                var (start, rows) = call.Rows(p);
                _ranges[p].Output(_team.Winner(p), rows * outputSize).CopyTo(output.Slice(start * outputSize, rows * outputSize));
            }
        }
        if (training) _trainingBatch = batch;
    }

    /// <summary>The network and every copy of it, once no late run holds any: for settings that reach them all.</summary>
    private protected ReadOnlySpan<INetwork> IdleNetworks
    {
        get
        {
            WaitForLateRuns();
            return _allNetworks;
        }
    }

    /// <summary>Forgets the last training Forward, as a network does when its kept activations no longer fit (new TimeSteps).</summary>
    private protected void ForgetTrainingBatch() => _trainingBatch = -1;

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch) =>
        Backward(outputGradient, inputGradient, batch, fromPreActivation: false);

    /// <inheritdoc/>
    public void BackwardFromPreActivation(ReadOnlySpan<float> preActivationGradient, Span<float> inputGradient, int batch) =>
        Backward(preActivationGradient, inputGradient, batch, fromPreActivation: true);

    /// <summary>Stops the worker threads (a late run finishes first). The wrapped network stays usable on its own.</summary>
    public void Dispose() => _team.Dispose();

    private static INetwork FeedForward(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network is ISequenceNetwork)
        {
            throw new ArgumentException($"{nameof(DataParallelNetwork)} splits batches of feed-forward networks; {network.GetType().Name} runs over sequences, so wrap it in a {nameof(DataParallelSequenceNetwork)}, which splits the sequence lengths too.", nameof(network));
        }
        return network;
    }

    // A re-run of a part on another replica gives the same bits when nothing in the network draws random numbers:
    // dropout is the only layer that does. BatchNorm's running statistics are updated by the network itself (part 0,
    // never re-run), not by replicas.
    private static bool RerunsAreExact(INetwork network)
    {
        if (network is not IDescribedNetwork described) return false;
        foreach (var layer in described.Description.Layers)
        {
            if (layer is DropoutDescription) return false;
        }
        return true;
    }

    // Runs one network's forward pass, with its rows' sequence lengths when there are any.
    private static void Forward(INetwork network, ReadOnlySpan<float> input, Span<float> output, int rows, ReadOnlySpan<int> lengths, bool training)
    {
        if (lengths.IsEmpty) network.Forward(input, output, rows, training);
        else ((ISequenceNetwork)network).Forward(input, output, rows, lengths, training);
    }

    private void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, bool fromPreActivation)
    {
        NetworkArguments.CheckBatch(batch, _name);
        NetworkArguments.CheckBackwardBatch(batch, _trainingBatch, _name);
        NetworkArguments.CheckLength(outputGradient.Length, batch, OutputSize, nameof(outputGradient), _name);
        NetworkArguments.CheckOptionalLength(inputGradient.Length, batch, InputSize, nameof(inputGradient), _name);
        int parts = Math.Min(Threads, batch);
        if (parts == 1)
        {
            if (fromPreActivation) _network.BackwardFromPreActivation(outputGradient, inputGradient, batch);
            else _network.Backward(outputGradient, inputGradient, batch);
            return;
        }
        int inputSize = InputSize, outputSize = OutputSize;
        var call = new Call(batch, parts, inputSize, outputSize, _forwards, true, _forwardWithLengths, !inputGradient.IsEmpty, fromPreActivation);
        int ownRows = call.Rows(0).Count;
        outputGradient.Slice(ownRows * outputSize, (batch - ownRows) * outputSize).CopyTo(_outputGradient.AsSpan(ownRows * outputSize));
        Begin(call, _backwardJob);
        try
        {
            PartStarting?.Invoke(0, true);
            var ownDelta = outputGradient.Slice(0, ownRows * outputSize);
            var ownInputGradient = call.WithInputGradient ? inputGradient.Slice(0, ownRows * inputSize) : Span<float>.Empty;
            if (fromPreActivation) _network.BackwardFromPreActivation(ownDelta, ownInputGradient, ownRows);
            else _network.Backward(ownDelta, ownInputGradient, ownRows);
        }
        finally
        {
            End();
        }
        for (int p = 1; p < parts; p++) _backwardCopy[p] = _team.Winner(p);
        _reducedParts = parts;
        _team.Run(Threads, _reducePart);
        if (!call.WithInputGradient) return;
        for (int p = 1; p < parts; p++)
        {
            var (start, rows) = call.Rows(p);
            _ranges[p].InputGradient(_backwardCopy[p], rows * inputSize).CopyTo(inputGradient.Slice(start * inputSize, rows * inputSize));
        }
    }

    // Publishes the call for the threads, then starts the team's job: its number is the one the call is stamped with.
    private void Begin(in Call call, IBackedUpJob job)
    {
        _call = call;
        Volatile.Write(ref _callJob, _team.NextJob);
        _team.Start(call.Parts, job, BacksUpLateParts);
    }

    // Waits for every part (backing late ones up), then marks the call over before anything else changes.
    private void End()
    {
        try
        {
            _team.Finish();
        }
        finally
        {
            Interlocked.Exchange(ref _callJob, -1);
        }
    }

    // The call of team job `job`, read consistently; false when that job is over.
    private bool TryReadCall(long job, out Call call)
    {
        call = default;
        if (Volatile.Read(ref _callJob) != job) return false;
        call = _call;
        Interlocked.MemoryBarrier();
        return Volatile.Read(ref _callJob) == job;
    }

    // Part p's forward on a copy this thread claims; the copy, or -1 (no free copy for a backup, or the job is over).
    private int ForwardPart(int part, long job, bool backup)
    {
        if (Volatile.Read(ref _callJob) != job) return -1;
        var range = _ranges[part];
        int copy = backup ? TryClaim(range, forward: -1, out _) : ClaimWaiting(range, forward: -1, out _);
        if (copy < 0) return -1;
        try
        {
            if (!TryReadCall(job, out var call)) return -1;
            if (!backup) PartStarting?.Invoke(part, false);
            RunForward(range, copy, part, call);
            return copy;
        }
        finally
        {
            range.Release(copy);
        }
    }

    // Part p's backward on a copy that holds its forward's activations, or on a free copy after re-running the
    // forward there (the same rows, so the same bits).
    private int BackwardPart(int part, long job, bool backup)
    {
        if (Volatile.Read(ref _callJob) != job) return -1;
        var range = _ranges[part];
        long forward = Volatile.Read(ref _forwards);
        int copy = backup ? TryClaim(range, forward, out bool holds) : ClaimWaiting(range, forward, out holds);
        if (copy < 0) return -1;
        try
        {
            if (!TryReadCall(job, out var call) || call.Forward != forward) return -1;
            if (!backup) PartStarting?.Invoke(part, true);
            if (!holds) RunForward(range, copy, part, call with { Training = true });
            var (start, rows) = call.Rows(part);
            var network = range[copy];
            // A replica's gradients start from zero and are added to the network's in ReducePart.
            network.ZeroGradients();
            ReadOnlySpan<float> delta = _outputGradient.AsSpan(start * call.OutputSize, rows * call.OutputSize);
            var inputGradient = call.WithInputGradient ? range.InputGradient(copy, rows * call.InputSize) : Span<float>.Empty;
            if (call.FromPreActivation) network.BackwardFromPreActivation(delta, inputGradient, rows);
            else network.Backward(delta, inputGradient, rows);
            return copy;
        }
        finally
        {
            range.Release(copy);
        }
    }

    // A free copy: one holding the activations of forward call `forward` (when it is not -1), else any; -1 if none is.
    private static int TryClaim(RangeCopies range, long forward, out bool holds)
    {
        int copy = forward >= 0 ? range.TryClaimHolding(forward) : -1;
        holds = copy >= 0;
        return holds ? copy : range.TryClaimAny();
    }

    // As TryClaim, for a worker's run: waits while late runs hold every copy (only possible with three or more threads).
    private static int ClaimWaiting(RangeCopies range, long forward, out bool holds)
    {
        var spinner = new SpinWait();
        while (true)
        {
            int copy = TryClaim(range, forward, out holds);
            if (copy >= 0) return copy;
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private void RunForward(RangeCopies range, int copy, int part, in Call call)
    {
        var (start, rows) = call.Rows(part);
        range.SetForward(copy, -1);
        Forward(
            range[copy],
            _input.AsSpan(start * call.InputSize, rows * call.InputSize),
            range.Output(copy, rows * call.OutputSize),
            rows,
            call.WithLengths ? _lengths.AsSpan(start, rows) : ReadOnlySpan<int>.Empty,
            call.Training);
        if (call.Training) range.SetForward(copy, call.Forward);
    }

    // Adds the winning copies' gradients of parts 1, 2, … to the network's, always in that order, over this part's
    // slice of the vector.
    private void ReducePart(int part)
    {
        int count = ParameterCount;
        int start = (int)((long)count * part / Threads);
        int length = (int)((long)count * (part + 1) / Threads) - start;
        var total = _network.Gradients.Slice(start, length);
        for (int p = 1; p < _reducedParts; p++) TensorPrimitives.Add(total, _ranges[p][_backwardCopy[p]].Gradients.Slice(start, length), total);
    }

    // Waits until no late run of an earlier call holds a copy.
    private void WaitForLateRuns()
    {
        var spinner = new SpinWait();
        for (int p = 1; p < _ranges.Length; p++)
        {
            while (_ranges[p].AnyBusy) spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    // Grows the copy-in buffers and every copy for a batch of `batch` rows in `parts` parts. A sequence network's
    // sizes follow its TimeSteps, so the sizes are checked every call, not only the rows.
    private void EnsureCapacity(int batch, int parts)
    {
        int inputSize = InputSize, outputSize = OutputSize;
        if (_lengths.Length < batch) _lengths = new int[batch];
        int partRows = (batch + parts - 1) / parts;
        if (_input.Length >= batch * inputSize && _outputGradient.Length >= batch * outputSize && partRows <= _partCapacity && CopiesFit(partRows, inputSize, outputSize)) return;
        WaitForLateRuns();
        // Aligned, because the parts' first layers read their rows of these buffers in place.
        if (_input.Length < batch * inputSize) _input = AlignedFloats.Allocate(checked(batch * inputSize));
        if (_outputGradient.Length < batch * outputSize) _outputGradient = AlignedFloats.Allocate(checked(batch * outputSize));
        _partCapacity = Math.Max(_partCapacity, partRows);
        for (int p = 1; p < _ranges.Length; p++) _ranges[p].EnsureCapacity(_partCapacity, inputSize, outputSize);
    }

    private bool CopiesFit(int rows, int inputSize, int outputSize)
    {
        for (int p = 1; p < _ranges.Length; p++)
        {
            if (!_ranges[p].Fits(rows, inputSize, outputSize)) return false;
        }
        return true;
    }

    /// <summary>What the threads running parts need of the current call.</summary>
    private readonly record struct Call(
        int Batch, int Parts, int InputSize, int OutputSize, long Forward,
        bool Training, bool WithLengths, bool WithInputGradient, bool FromPreActivation)
    {
        // Part p's rows: the batch split as evenly as it goes, the first parts one row longer.
        public (int Start, int Count) Rows(int part)
        {
            int rows = Batch / Parts, longer = Batch % Parts;
            return (part * rows + Math.Min(part, longer), rows + (part < longer ? 1 : 0));
        }
    }

    private sealed class ForwardJob(DataParallelNetwork owner) : IBackedUpJob
    {
        public int Run(int part, long job) => owner.ForwardPart(part, job, backup: false);

        public int RunBackup(int part, long job) => owner.ForwardPart(part, job, backup: true);
    }

    private sealed class BackwardJob(DataParallelNetwork owner) : IBackedUpJob
    {
        public int Run(int part, long job) => owner.BackwardPart(part, job, backup: false);

        public int RunBackup(int part, long job) => owner.BackwardPart(part, job, backup: true);
    }
}
