using System;
using System.Diagnostics;
using System.Numerics.Tensors;

namespace DslNet.Mpi;

/// <summary>
/// The <see cref="Trainer"/>'s replica hook over MPI: sums each step's gradients across the ranks in buckets, weighted by
/// each rank's share of the global batch so the result is the gradient of the global batch's mean loss; sums epoch and
/// evaluation figures; passes rank 0's decisions to all; and every few steps compares a checksum of the parameters.
/// </summary>
internal sealed class MpiReplicaGroup : IReplicaGroup
{
    private readonly MpiWorld _world;
    private readonly GradientBuckets _buckets;
    private readonly nint[] _requests;
    private readonly ulong[] _checksums;
    private readonly int _checksumInterval;
    // [loss × weight, weight]: summed to the global loss and what it averages over (samples, or sequence steps with a target).
    private readonly double[] _lossAndCount = new double[2];
    private readonly double[] _decision = new double[1];
    private long _steps, _checksumChecks, _allReduceTicks;

    public MpiReplicaGroup(MpiWorld world, INetwork network, DistributedOptions options)
    {
        _world = world;
        _buckets = GradientBuckets.Plan(network.Layout, options.BucketBytes);
        _requests = new nint[_buckets.Count];
        _checksums = new ulong[world.Size];
        _checksumInterval = options.ChecksumInterval;
        GradientFloats = network.ParameterCount;
    }

    public int Rank => _world.Rank;

    public int Size => _world.Size;

    public int GradientFloats { get; }

    public AllReduceStatistics Statistics =>
        new(_steps, _buckets.Count, GradientFloats, Stopwatch.GetElapsedTime(0, _allReduceTicks), _checksumChecks);

    public float CombineGradients(INetwork network, float loss, int weight)
    {
        _steps++;
        // Before step 1 this also confirms that every rank starts from the broadcast parameters.
        if (_checksumInterval > 0 && (_steps - 1) % _checksumInterval == 0) VerifyIdentical(network.Parameters, _steps);

        long started = Stopwatch.GetTimestamp();
        _lossAndCount[0] = (double)loss * weight;
        _lossAndCount[1] = weight;
        _world.AllReduceSum(_lossAndCount);
        double global = _lossAndCount[1];
        // Each rank's gradient is of its own mean loss: weighted by its share, the sum is the gradient of the global mean
        // (for 2 ranks with equal shares the factor is 0.5, exact in floats). A global batch with nothing to average (a
        // sequence batch that is all padding) has zero gradients on every rank.
        Span<float> gradients = network.Gradients;
        float share = global > 0 ? (float)(weight / global) : 0f;
        if (share != 1f) TensorPrimitives.Multiply(gradients, share, gradients);
        _world.AllReduceSumInParts(gradients, _buckets.Ranges, _requests);
        _allReduceTicks += Stopwatch.GetTimestamp() - started;
        return global > 0 ? (float)(_lossAndCount[0] / global) : 0f;
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
        _world.AllGather(ParameterChecksum.Of(parameters), _checksums);
        foreach (ulong checksum in _checksums)
        {
            if (checksum != _checksums[0]) throw new ReplicasDivergedException(step, (ulong[])_checksums.Clone());
        }
    }
}
