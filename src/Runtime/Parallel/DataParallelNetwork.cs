using System;
using System.Numerics.Tensors;

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
/// threads: about 1 µs per 16 KB. A batch of one row runs on the calling thread, on the network itself, unchanged.
/// Feed-forward networks only: networks over sequences are refused.
/// </remarks>
public sealed class DataParallelNetwork : INetwork, IDisposable
{
    private const string Name = nameof(DataParallelNetwork);

    private readonly INetwork _network;
    private readonly INetwork[] _replicas;
    private readonly WorkerTeam _team;
    private readonly Action<int> _forwardPart, _backwardPart, _reducePart;

    // The batch of the current call, copied in and out around the parallel parts, [capacity, size].
    private float[] _input = [], _output = [], _outputGradient = [], _inputGradient = [];
    private int _batch, _parts;
    private bool _training, _withInputGradient, _fromPreActivation;
    // The batch of the last training Forward, or -1.
    private int _trainingBatch = -1;

    /// <summary>Wraps <paramref name="network"/> to run on <paramref name="threads"/> threads (the caller's included).</summary>
    /// <param name="network">A feed-forward network that can be replicated (every generated one can).</param>
    /// <param name="threads">1 to 64; 2 on this project's two-core machines.</param>
    /// <param name="spinTime">How long idle threads spin before they sleep (<see cref="WorkerTeam"/>); 200 µs when null.</param>
    /// <exception cref="ArgumentException"><paramref name="network"/> is a sequence network.</exception>
    /// <exception cref="NotSupportedException"><paramref name="network"/> cannot be replicated.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is outside 1 to 64, or <paramref name="spinTime"/> outside 0 to 1 s.</exception>
    public DataParallelNetwork(INetwork network, int threads, TimeSpan? spinTime = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network is ISequenceNetwork)
        {
            throw new ArgumentException($"{Name} splits batches of feed-forward networks; {network.GetType().Name} runs over sequences, so train it on one thread.", nameof(network));
        }
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
    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, bool training = false)
    {
        NetworkArguments.CheckBatch(batch, Name);
        NetworkArguments.CheckLength(input.Length, batch, InputSize, nameof(input), Name);
        NetworkArguments.CheckLength(output.Length, batch, OutputSize, nameof(output), Name);
        _trainingBatch = -1;
        int parts = Math.Min(_replicas.Length, batch);
        if (parts == 1)
        {
            _network.Forward(input, output, batch, training);
        }
        else
        {
            EnsureCapacity(batch);
            input.Slice(0, batch * InputSize).CopyTo(_input);
            (_batch, _parts, _training) = (batch, parts, training);
            _team.Run(parts, _forwardPart);
            _output.AsSpan(0, batch * OutputSize).CopyTo(output);
        }
        if (training) _trainingBatch = batch;
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch) =>
        Backward(outputGradient, inputGradient, batch, fromPreActivation: false);

    /// <inheritdoc/>
    public void BackwardFromPreActivation(ReadOnlySpan<float> preActivationGradient, Span<float> inputGradient, int batch) =>
        Backward(preActivationGradient, inputGradient, batch, fromPreActivation: true);

    /// <summary>Stops the worker threads. The wrapped network stays usable on its own.</summary>
    public void Dispose() => _team.Dispose();

    private void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, bool fromPreActivation)
    {
        NetworkArguments.CheckBatch(batch, Name);
        NetworkArguments.CheckBackwardBatch(batch, _trainingBatch, Name);
        NetworkArguments.CheckLength(outputGradient.Length, batch, OutputSize, nameof(outputGradient), Name);
        NetworkArguments.CheckOptionalLength(inputGradient.Length, batch, InputSize, nameof(inputGradient), Name);
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
        _replicas[part].Forward(
            _input.AsSpan(start * InputSize, rows * InputSize),
            _output.AsSpan(start * OutputSize, rows * OutputSize),
            rows,
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

    private void EnsureCapacity(int batch)
    {
        if (_input.Length >= batch * InputSize) return;
        _input = new float[checked(batch * InputSize)];
        _output = new float[checked(batch * OutputSize)];
        _outputGradient = new float[checked(batch * OutputSize)];
        _inputGradient = new float[checked(batch * InputSize)];
    }
}
