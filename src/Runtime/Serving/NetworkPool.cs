using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace DslNet;

/// <summary>
/// Serves one trained network to many threads at once. A generated network runs one call at a time (its buffers are
/// fields; a second thread inside it throws <see cref="InvalidOperationException"/>), so the pool keeps replicas of it
/// (<see cref="INetwork.CreateReplica"/>: the same parameter array, buffers of their own) and lends one to each call.
/// Replicas are made on demand, so their number grows to the most calls that ever ran at once and stays there.
/// </summary>
/// <remarks>
/// Every replica reads the source network's parameters as they are at the time of each call: do not train the source
/// (or load a checkpoint into it) while the pool serves, or a call may see a half-updated set of weights. Outputs are
/// bit-identical to the source network's own for the same input and batch, whichever replica computes them.
/// A sequence network's replicas start with the source's <see cref="ISequenceNetwork.TimeSteps"/>; a caller that needs
/// another length rents a replica and sets it (a larger value than before grows that replica's buffers once).
/// </remarks>
/// <typeparam name="TNetwork">The generated network class (its replicas are of the same class).</typeparam>
public sealed class NetworkPool<TNetwork> where TNetwork : class, INetwork
{
    private readonly TNetwork _source;
    private readonly ConcurrentBag<TNetwork> _idle = new();
    // Every replica this pool made: 1 while rented, 0 while idle. Return checks it, so a network is returned once.
    private readonly ConcurrentDictionary<TNetwork, int> _rented = new(ReferenceEqualityComparer.Instance);
    private int _streams;

    /// <summary>A pool that lends replicas of <paramref name="network"/>; the first is made now, so a network that cannot be replicated fails here.</summary>
    /// <param name="network">A generated network (its parameters are shared with the replicas, not copied).</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">The network carries state from one call to the next (a Stateful recurrent layer): each call may get another replica, so that state would be meaningless.</exception>
    /// <exception cref="NotSupportedException">The network cannot be replicated.</exception>
    public NetworkPool(TNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network is ISequenceNetwork { IsStateful: true })
        {
            throw new ArgumentException(
                $"NetworkPool<{typeof(TNetwork).Name}>: the network is stateful (a Stateful recurrent layer carries its state from one call to the next), " +
                "but the pool lends any idle replica to each call, so a caller's state would jump between replicas. Serve a stateful network " +
                "with one instance per caller's stream (CreateReplica), or declare the layer without Stateful.",
                nameof(network));
        }
        _source = network;
        _idle.Add(Create());
    }

    /// <summary>The replicas made so far: the most calls that have run at once (at least 1).</summary>
    public int ReplicaCount => _rented.Count;

    /// <summary>Lends a replica for the calling thread's exclusive use until <see cref="Return"/>; makes one if none is idle.</summary>
    public TNetwork Rent()
    {
        var replica = _idle.TryTake(out var idle) ? idle : Create();
        _rented.TryUpdate(replica, 1, 0);
        return replica;
    }

    /// <summary>Gives back a replica from <see cref="Rent"/>; the caller must not use it afterwards.</summary>
    /// <exception cref="ArgumentException">The network was not rented from this pool, or was already returned.</exception>
    public void Return(TNetwork replica)
    {
        ArgumentNullException.ThrowIfNull(replica);
        if (!_rented.TryUpdate(replica, 0, 1))
        {
            throw new ArgumentException(
                $"NetworkPool<{typeof(TNetwork).Name}>: the network returned was not rented from this pool, or was already returned. " +
                "Return each network from Rent() exactly once.",
                nameof(replica));
        }
        _idle.Add(replica);
    }

    /// <summary>
    /// Computes <paramref name="output"/> [batch, OutputSize] from <paramref name="input"/> [batch, InputSize] in inference mode on a
    /// rented replica; any number of threads may call it at once.
    /// </summary>
    /// <exception cref="ArgumentException">A span does not fit the batch (the network's own message).</exception>
    public void Predict(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        var replica = Rent();
        try
        {
            replica.Forward(input, output, batch);
        }
        finally
        {
            Return(replica);
        }
    }

    /// <summary>As <see cref="Predict(ReadOnlySpan{float}, Span{float}, int)"/> for a sequence network, with each sequence's own length.</summary>
    /// <exception cref="InvalidOperationException">The network is not a sequence network.</exception>
    /// <exception cref="ArgumentException">A span does not fit the batch, or a length is out of range (the network's own message).</exception>
    public void Predict(ReadOnlySpan<float> input, Span<float> output, int batch, ReadOnlySpan<int> lengths)
    {
        if (_source is not ISequenceNetwork)
        {
            throw new InvalidOperationException(
                $"NetworkPool<{typeof(TNetwork).Name}>: sequence lengths were given, but {typeof(TNetwork).Name} is not a sequence network; call Predict(input, output, batch).");
        }
        var replica = Rent();
        try
        {
            ((ISequenceNetwork)replica).Forward(input, output, batch, lengths);
        }
        finally
        {
            Return(replica);
        }
    }

    private TNetwork Create()
    {
        var made = _source.CreateReplica(Interlocked.Increment(ref _streams));
        if (made is not TNetwork replica)
        {
            throw new NotSupportedException(
                $"NetworkPool<{typeof(TNetwork).Name}>: CreateReplica returned a {made.GetType().Name}, not a {typeof(TNetwork).Name}; pool the class whose replicas are of its own type.");
        }
        _rented[replica] = 0;
        return replica;
    }
}
