using System.Collections;
using System.Collections.Generic;

namespace DslNet;

/// <summary>
/// What <see cref="Trainer.Fit"/> returns: one <see cref="EpochReport"/> per epoch run (it is a list of them),
/// why the run ended, and which epoch's weights the network holds at the end.
/// </summary>
public sealed class TrainingHistory : IReadOnlyList<EpochReport>
{
    private readonly IReadOnlyList<EpochReport> _epochs;

    internal TrainingHistory(IReadOnlyList<EpochReport> epochs, StopReason stopReason, string stopMessage, int? bestEpoch, bool restoredBestWeights)
    {
        _epochs = epochs;
        StopReason = stopReason;
        StopMessage = stopMessage;
        BestEpoch = bestEpoch;
        RestoredBestWeights = restoredBestWeights;
    }

    /// <summary>Why the run ended.</summary>
    public StopReason StopReason { get; }

    /// <summary>A sentence saying why the run ended, for logs and samples.</summary>
    public string StopMessage { get; }

    /// <summary>The epoch with the best early-stopping metric; null without <see cref="TrainerOptions.EarlyStopping"/> or when no epoch had a usable value.</summary>
    public int? BestEpoch { get; }

    /// <summary>Whether the network was set back to the weights of <see cref="BestEpoch"/> at the end.</summary>
    public bool RestoredBestWeights { get; }

    /// <summary>The number of epochs run.</summary>
    public int Count => _epochs.Count;

    /// <summary>The report of epoch <paramref name="index"/> + 1.</summary>
    public EpochReport this[int index] => _epochs[index];

    /// <inheritdoc />
    public IEnumerator<EpochReport> GetEnumerator() => _epochs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => StopMessage;
}
