using System;

namespace DslNet;

/// <summary>
/// A <see cref="DataParallelNetwork"/> for a network over sequences ([SequenceInput]): it is an
/// <see cref="ISequenceNetwork"/> itself, so a <see cref="Trainer"/> passes it each batch's sequence lengths, and
/// each part gets the lengths of its own rows. <see cref="TimeSteps"/> and <see cref="ResetState"/> act on the
/// network and every replica alike. The split, the order of the gradient sums and therefore the bits are those of
/// <see cref="DataParallelNetwork"/>.
/// </summary>
/// <remarks>
/// A network with a stateful recurrent layer is refused: see the constructor.
/// </remarks>
public sealed class DataParallelSequenceNetwork : DataParallelNetwork, ISequenceNetwork
{
    private readonly ISequenceNetwork _network;

    /// <summary>Wraps <paramref name="network"/> to run on <paramref name="threads"/> threads (the caller's included).</summary>
    /// <param name="network">
    /// A network over sequences that can be replicated (every generated one can), without a stateful recurrent layer:
    /// such a layer carries row b's state into row b of the next batch, but a replica starts from zero state, and a
    /// batch of another size splits into other row ranges, which would move rows between the network and its
    /// replicas, so the split would silently change what it computes.
    /// </param>
    /// <param name="threads">1 to 64; 2 on this project's two-core machines.</param>
    /// <param name="spinTime">How long idle threads spin before they sleep (<see cref="WorkerTeam"/>); 200 µs when null.</param>
    /// <exception cref="ArgumentException"><paramref name="network"/> has a stateful recurrent layer.</exception>
    /// <exception cref="NotSupportedException"><paramref name="network"/> cannot be replicated.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is outside 1 to 64, or <paramref name="spinTime"/> outside 0 to 1 s.</exception>
    public DataParallelSequenceNetwork(ISequenceNetwork network, int threads, TimeSpan? spinTime = null)
        : base(Stateless(network), threads, spinTime, nameof(DataParallelSequenceNetwork))
    {
        _network = network;
    }

    /// <inheritdoc/>
    public int StepInputSize => _network.StepInputSize;

    /// <inheritdoc/>
    public int StepOutputSize => _network.StepOutputSize;

    /// <inheritdoc/>
    public bool ReturnsSequences => _network.ReturnsSequences;

    /// <summary>Always false: a network with a stateful recurrent layer is refused.</summary>
    public bool IsStateful => _network.IsStateful;

    /// <summary>
    /// The time steps of every input sample, set on the network and every replica; <see cref="INetwork.InputSize"/>
    /// and <see cref="INetwork.OutputSize"/> follow it. A larger value than ever before grows the buffers (an
    /// allocation, so set it outside the training loop).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int TimeSteps
    {
        get => _network.TimeSteps;
        set
        {
            // The network first: it checks the value before any replica changes.
            foreach (var network in IdleNetworks) ((ISequenceNetwork)network).TimeSteps = value;
            ForgetTrainingBatch();
        }
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, ReadOnlySpan<int> lengths, bool training = false) =>
        SplitForward(input, output, batch, lengths, training);

    /// <summary>Resets the carried state of the network and every replica (a no-op: no stateful layer is accepted).</summary>
    public void ResetState()
    {
        foreach (var network in IdleNetworks) ((ISequenceNetwork)network).ResetState();
    }

    private static ISequenceNetwork Stateless(ISequenceNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.IsStateful)
        {
            throw new ArgumentException($"{nameof(DataParallelSequenceNetwork)} cannot split {network.GetType().Name}: it has a stateful recurrent layer, which carries each row's state into the same row of the next batch, but replicas start from zero state and a batch of another size splits into other row ranges, so rows would silently change state. Train it on one thread.", nameof(network));
        }
        return network;
    }
}
