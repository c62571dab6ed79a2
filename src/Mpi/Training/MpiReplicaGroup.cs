using System;
using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DslNet.CompilerServices;

namespace DslNet.Mpi;

/// <summary>
/// The <see cref="Trainer"/>'s replica hook over MPI: sums each step's gradients across the ranks in buckets, weighted by
/// each rank's share of the global batch so the result is the gradient of the global batch's mean loss; sums epoch and
/// evaluation figures; passes rank 0's decisions to all; and every few steps compares a checksum of the parameters.
/// </summary>
/// <remarks>
/// A generated network reports during its backward pass when each layer's gradients are final
/// (<see cref="IReportsGradientProgress"/>): a bucket's sum then starts as soon as the layers it holds are done, and runs
/// while back-propagation goes on through the earlier layers (PyTorch DDP's overlap). Every rank starts the buckets in the
/// same order (the plan's), whenever each starts, so the collective calls match across ranks.
/// </remarks>
internal sealed class MpiReplicaGroup : IReplicaGroup, IGradientProgress
{
    private readonly MpiWorld _world;
    private readonly GradientBuckets _buckets;
    // Pinned: MPI holds their addresses between starting an operation and waiting for it.
    private readonly nint[] _requests;
    // [loss × weight, weight]: summed to the global loss and what it averages over (samples, or sequence steps with a target).
    private readonly double[] _lossAndWeight = GC.AllocateArray<double>(2, pinned: true);
    private readonly ulong[] _checksums;
    private readonly int _checksumInterval;
    private readonly double[] _decision = new double[1];
    // Batch normalisation's running statistics: each rank's own batches move them, so rank 0's are sent to all after
    // every step (PyTorch DDP's broadcast_buffers), keeping the parameter vectors identical.
    private readonly (int Offset, int Length)[] _state;
    // The checksum runs after the forward pass has moved each rank's running statistics: it reads the parameters with
    // the state zeroed, from this copy (empty when the network has no state).
    private readonly float[] _checksummed;
    private INetwork? _reporting;
    private int _weight, _started;
    private long _steps, _checksumChecks, _allReduceTicks, _overlappedFloats;

    public MpiReplicaGroup(MpiWorld world, INetwork network, DistributedOptions options)
    {
        _world = world;
        _buckets = GradientBuckets.Plan(network.Layout, options.BucketBytes);
        _requests = GC.AllocateArray<nint>(_buckets.Count + 1, pinned: true);
        _checksums = new ulong[world.Size];
        _checksumInterval = options.ChecksumInterval;
        GradientFloats = network.ParameterCount;
        var state = new System.Collections.Generic.List<(int, int)>();
        foreach (var slice in network.Layout)
        {
            if (slice.Kind == ParameterKind.State && slice.Length > 0) state.Add((slice.Offset, slice.Length));
        }
        _state = state.ToArray();
        _checksummed = _state.Length > 0 ? new float[network.ParameterCount] : [];
    }

    public int Rank => _world.Rank;

    public int Size => _world.Size;

    public int GradientFloats { get; }

    public AllReduceStatistics Statistics =>
        new(_steps, _buckets.Count, GradientFloats, Stopwatch.GetElapsedTime(0, _allReduceTicks), _checksumChecks, _overlappedFloats);

    public void BeginBackward(INetwork network, int weight)
    {
        _steps++;
        // Before step 1 this also confirms that every rank starts from the broadcast parameters.
        if (_checksumInterval > 0 && (_steps - 1) % _checksumInterval == 0) VerifyIdentical(network.Parameters, _steps);
        _weight = weight;
        _started = 0;
        // Only a network whose gradients stay put (generated ones: the pinned heap) may be summed while backward runs.
        if (network is IReportsGradientProgress reporting)
        {
            _reporting = network;
            reporting.GradientProgress = this;
        }
    }

    /// <summary>Starts every bucket that the finished layers complete, and lets the ones under way progress.</summary>
    public unsafe void GradientsFinalFrom(int offset)
    {
        if (_reporting is null) return;
        var ranges = _buckets.Ranges;
        int before = _started;
        while (_started < ranges.Length && ranges[_started].Offset >= offset) StartBucket(_reporting.Gradients, _started++);
        if (before > 0) _world.TestAll(before, (nint*)Unsafe.AsPointer(ref _requests[1]));
    }

    public unsafe float CombineGradients(INetwork network, float loss, int weight)
    {
        if (_reporting is not null) ((IReportsGradientProgress)_reporting).GradientProgress = null;
        _overlappedFloats += OverlappedFloats();
        long started = Stopwatch.GetTimestamp();
        Span<float> gradients = network.Gradients;
        _lossAndWeight[0] = (double)loss * weight;
        _lossAndWeight[1] = weight;
        // A network that does not report (a user's INetwork, DataParallelNetwork) has its gradients pinned for the call.
        fixed (float* _ = gradients)
        {
            while (_started < _buckets.Count) StartBucket(gradients, _started++);
            fixed (nint* requests = _requests)
            fixed (double* lossAndWeight = _lossAndWeight)
            {
                _world.StartAllReduceSum(lossAndWeight, 2, requests);
                _world.WaitAll(_requests.Length, requests);
            }
        }
        _reporting = null;
        foreach (var (offset, length) in _state) _world.Broadcast(network.Parameters.Slice(offset, length), root: 0);
        double global = _lossAndWeight[1];
        // A global batch with nothing to average (a sequence batch that is all padding) has zero gradients on every rank.
        if (global > 0 && global != 1) TensorPrimitives.Multiply(gradients, (float)(1 / global), gradients);
        _allReduceTicks += Stopwatch.GetTimestamp() - started;
        return global > 0 ? (float)(_lossAndWeight[0] / global) : 0f;
    }

    public void Sum(Span<double> values) => _world.AllReduceSum(values);

    public bool Agree(bool decision)
    {
        _decision[0] = decision ? 1 : 0;
        _world.Broadcast(_decision.AsSpan(), root: 0);
        return _decision[0] != 0;
    }

    /// <summary>Compares the ranks' parameter checksums; throws the same exception on every rank when they differ.</summary>
    public void VerifyIdentical(ReadOnlySpan<float> parameters, long step)
    {
        _checksumChecks++;
        if (_state.Length > 0)
        {
            parameters.CopyTo(_checksummed);
            foreach (var (offset, length) in _state) _checksummed.AsSpan(offset, length).Clear();
            parameters = _checksummed;
        }
        _world.AllGather(ParameterChecksum.Of(parameters), _checksums);
        foreach (ulong checksum in _checksums)
        {
            if (checksum != _checksums[0]) throw new ReplicasDivergedException(step, (ulong[])_checksums.Clone());
        }
    }

    // Each rank's gradient is of its own mean loss: weighted by what that mean is over, summed with everyone's, and divided
    // by the global total (after the wait), it is the gradient of the global batch's mean. For 2 ranks with equal shares
    // both factors are powers of 2, exact in floats.
    private unsafe void StartBucket(Span<float> gradients, int bucket)
    {
        var (offset, length) = _buckets.Ranges[bucket];
        Span<float> part = gradients.Slice(offset, length);
        if (_weight != 1) TensorPrimitives.Multiply(part, _weight, part);
        _world.StartAllReduceSum((float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(part)), length, (nint*)Unsafe.AsPointer(ref _requests[1 + bucket]));
    }

    private long OverlappedFloats()
    {
        long floats = 0;
        for (int bucket = 0; bucket < _started; bucket++) floats += _buckets.Ranges[bucket].Length;
        return floats;
    }
}
