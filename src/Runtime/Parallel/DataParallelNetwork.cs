using System;
using System.Numerics.Tensors;
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
/// Each call copies the batch's inputs (and output gradients) into buffers of its own, because a span cannot cross
/// threads; the copy is small beside the step it feeds (docs/threads.md, "Limits", has its cost). A batch of one row runs on the calling thread, on the network itself, unchanged.
/// A network over sequences goes in a <see cref="DataParallelSequenceNetwork"/>, which splits the batch's sequence
/// lengths with its rows; this class refuses it, so that a wrapper is an <see cref="ISequenceNetwork"/> exactly when
/// its network is one.
/// </remarks>
public class DataParallelNetwork : INetwork, IDisposable
{
    // The wrapper's own name, for messages.
    private readonly string _name;
    private readonly INetwork _network;
    private readonly INetwork[] _replicas;
    private readonly WorkerTeam _team;
    private readonly Action<int> _forwardPart, _backwardPart, _reducePart;

    // The batch of the current call, copied in and out around the parallel parts, [capacity, size].
    private float[] _input = [], _output = [], _outputGradient = [], _inputGradient = [];
    // The current call's sequence lengths, [capacity]; _withLengths when it has them (a sequence network's call only).
    private int[] _lengths = [];
    private bool _withLengths;
    private int _batch, _parts;
    private bool _training, _withInputGradient, _fromPreActivation;
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
        _replicas = new INetwork[threads];
        _replicas[0] = network;
        try
        {
            for (int p = 1; p < _replicas.Length; p++) _replicas[p] = network.CreateReplica(p);
        }
        catch
        {
            _team.Dispose();
            throw;
        }
        _forwardPart = ForwardPart;
        _backwardPart = BackwardPart;
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
        int parts = Math.Min(_replicas.Length, batch);
        if (parts == 1)
        {
            Forward(_network, input, output, batch, lengths, training);
        }
        else
        {
            EnsureCapacity(batch);
            input.Slice(0, batch * InputSize).CopyTo(_input);
            lengths.CopyTo(_lengths);
            (_batch, _parts, _training, _withLengths) = (batch, parts, training, !lengths.IsEmpty);
            _team.Run(parts, _forwardPart);
            _output.AsSpan(0, batch * OutputSize).CopyTo(output);
        }
        if (training) _trainingBatch = batch;
    }

    /// <summary>The network and its replicas, part p's network at index p.</summary>
    private protected ReadOnlySpan<INetwork> Replicas => _replicas;

    /// <summary>Forgets the last training Forward, as a network does when its kept activations no longer fit (new TimeSteps).</summary>
    private protected void ForgetTrainingBatch() => _trainingBatch = -1;

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch) =>
        Backward(outputGradient, inputGradient, batch, fromPreActivation: false);

    /// <inheritdoc/>
    public void BackwardFromPreActivation(ReadOnlySpan<float> preActivationGradient, Span<float> inputGradient, int batch) =>
        Backward(preActivationGradient, inputGradient, batch, fromPreActivation: true);

    /// <summary>Stops the worker threads. The wrapped network stays usable on its own.</summary>
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
        int parts = Math.Min(_replicas.Length, batch);
        if (parts == 1)
        {
            if (fromPreActivation) _network.BackwardFromPreActivation(outputGradient, inputGradient, batch);
            else _network.Backward(outputGradient, inputGradient, batch);
            return;
        }
        outputGradient.Slice(0, batch * OutputSize).CopyTo(_outputGradient);
        (_batch, _parts, _withInputGradient, _fromPreActivation) = (batch, parts, !inputGradient.IsEmpty, fromPreActivation);
        _team.Run(parts, _backwardPart);
        _team.Run(Threads, _reducePart);
        if (_withInputGradient) _inputGradient.AsSpan(0, batch * InputSize).CopyTo(inputGradient);
    }

    private void ForwardPart(int part)
    {
        var (start, rows) = Rows(part);
        Forward(
            _replicas[part],
            _input.AsSpan(start * InputSize, rows * InputSize),
            _output.AsSpan(start * OutputSize, rows * OutputSize),
            rows,
            _withLengths ? _lengths.AsSpan(start, rows) : ReadOnlySpan<int>.Empty,
            _training);
    }

    private void BackwardPart(int part)
    {
        var (start, rows) = Rows(part);
        var network = _replicas[part];
        // The network itself adds to its gradients, as Backward promises; a replica starts from zero and is added in ReducePart.
        if (part > 0) network.ZeroGradients();
        ReadOnlySpan<float> delta = _outputGradient.AsSpan(start * OutputSize, rows * OutputSize);
        Span<float> inputGradient = _withInputGradient ? _inputGradient.AsSpan(start * InputSize, rows * InputSize) : Span<float>.Empty;
        if (_fromPreActivation) network.BackwardFromPreActivation(delta, inputGradient, rows);
        else network.Backward(delta, inputGradient, rows);
    }

    // Adds replicas 1, 2, … to the network's gradients, always in that order, over this part's slice of the vector.
    private void ReducePart(int part)
    {
        int count = ParameterCount;
        int start = (int)((long)count * part / Threads);
        int length = (int)((long)count * (part + 1) / Threads) - start;
        var total = _network.Gradients.Slice(start, length);
        for (int r = 1; r < _parts; r++) TensorPrimitives.Add(total, _replicas[r].Gradients.Slice(start, length), total);
    }

    // Part p's rows: the batch split as evenly as it goes, the first parts one row longer.
    private (int Start, int Rows) Rows(int part)
    {
        int rows = _batch / _parts, longer = _batch % _parts;
        return (part * rows + Math.Min(part, longer), rows + (part < longer ? 1 : 0));
    }

    // A sequence network's sizes follow its TimeSteps, so both are checked.
    private void EnsureCapacity(int batch)
    {
        if (_lengths.Length < batch) _lengths = new int[batch];
        if (_input.Length >= batch * InputSize && _output.Length >= batch * OutputSize) return;
        // Aligned, because the parts' first layers read their rows of these buffers in place.
        _input = AlignedFloats.Allocate(checked(batch * InputSize));
        _output = AlignedFloats.Allocate(checked(batch * OutputSize));
        _outputGradient = AlignedFloats.Allocate(checked(batch * OutputSize));
        _inputGradient = AlignedFloats.Allocate(checked(batch * InputSize));
    }
}
