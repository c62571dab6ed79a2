using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace DslNet;

/// <summary>
/// The loop every trainer's <c>Fit</c> runs, apart from its per-step maths: epochs over seeded shuffles of the training data
/// in mini-batches, each epoch timed, its report handed to the progress callback as it ends and kept in the returned list,
/// and an optional stop after any epoch. It also counts the steps and knows the epoch and batch under way, so a failing
/// step can name where it failed.
/// </summary>
internal sealed class TrainingLoop
{
    private ShuffledBatches? _batches;
    private long _epochStarted;

    /// <summary>Steps over the trainer's life, counted from 1 by <see cref="CountStep"/>.</summary>
    public long Steps { get; private set; }

    /// <summary>The epoch under way, from 1; 0 outside <see cref="Run{TReport}"/>.</summary>
    public int Epoch { get; private set; }

    /// <summary>The mini-batch under way in the epoch, from 1; 0 outside <see cref="Run{TReport}"/>.</summary>
    public int Batch { get; private set; }

    /// <summary>The wall-clock time since the current epoch began.</summary>
    public TimeSpan EpochElapsed => Stopwatch.GetElapsedTime(_epochStarted);

    /// <summary>Counts one step and returns its number.</summary>
    public long CountStep() => ++Steps;

    /// <summary>
    /// Runs up to <paramref name="epochs"/> epochs over <paramref name="batches"/>. Each calls <paramref name="epoch"/> with its
    /// number, which walks the shuffled mini-batches once with <see cref="EachBatch"/> and returns the epoch's report; the report
    /// goes to <paramref name="progress"/> and the list, and the run ends early when <paramref name="stopAfter"/> says so.
    /// </summary>
    public List<TReport> Run<TReport>(ShuffledBatches batches, int epochs, Func<int, TReport> epoch, IProgress<TReport>? progress, Predicate<TReport>? stopAfter = null)
    {
        var reports = new List<TReport>(epochs);
        _batches = batches;
        try
        {
            for (int number = 1; number <= epochs; number++)
            {
                _epochStarted = Stopwatch.GetTimestamp();
                (Epoch, Batch) = (number, 0);
                var report = epoch(number);
                progress?.Report(report);
                reports.Add(report);
                if (stopAfter is not null && stopAfter(report)) break;
            }
        }
        finally
        {
            // Steps outside Fit carry no epoch or batch, even after a Fit that ended in an exception.
            (Epoch, Batch, _batches) = (0, 0, null);
        }
        return reports;
    }

    /// <summary>Shuffles the data into the epoch's order and hands each mini-batch to <paramref name="step"/>, the last possibly short.</summary>
    /// <exception cref="InvalidOperationException">Called outside <see cref="Run{TReport}"/>.</exception>
    public void EachBatch(ShuffledBatches.BatchStep step)
    {
        var batches = _batches ?? throw new InvalidOperationException($"{nameof(TrainingLoop)}.{nameof(EachBatch)} walks an epoch, so it runs only inside {nameof(Run)}.");
        batches.Epoch(batch =>
        {
            Batch = batch.Number;
            step(batch);
        });
    }
}
