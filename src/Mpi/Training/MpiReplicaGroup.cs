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
    private readonly double[] _lossAndWeight = new double[2];
    private readonly double[] _decision = new double[1];
    private long _steps, _checksumChecks, _allReduceTicks;

    public MpiReplicaGroup(MpiWorld world, INetwork network, DistributedOptions options)
    {
        _world = world;
        _buckets = GradientBuckets.Plan(network.Layout, options.BucketBytes);
        _requests = new nint[_buckets.Count + 1];
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
        // Each rank's gradient is of its own mean loss: weighted by what that mean is over, summed with everyone's, and
        // divided by the global total, it is the gradient of the global batch's mean. The weights travel with the gradients
        // (no round trip of their own), so the division waits until they are summed. For 2 ranks with equal shares both
        // factors are powers of 2, exact in floats.
        Span<float> gradients = network.Gradients;
        if (weight != 1) TensorPrimitives.Multiply(gradients, weight, gradients);
        _lossAndWeight[0] = (double)loss * weight;
        _lossAndWeight[1] = weight;
        _world.AllReduceSumInParts(gradients, _buckets.Ranges, _lossAndWeight, _requests);
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
        _world.AllGather(ParameterChecksum.Of(parameters), _checksums);
        foreach (ulong checksum in _checksums)
        {
            if (checksum != _checksums[0]) throw new ReplicasDivergedException(step, (ulong[])_checksums.Clone());
        }
    }
}
