using System;
using System.Diagnostics;
using System.Globalization;

namespace DslNet.Samples;

/// <summary>
/// The progress bar's stand-in when the output is redirected (CI, a pipe, a file): a line every
/// <paramref name="interval"/> with the epoch, the batch, the epoch's running loss and the time since the run began,
/// so a long epoch does not look hung. The last batch of an epoch prints nothing: the epoch line follows it.
/// </summary>
public sealed class ProgressLines(TimeSpan interval, Action<string> writeLine) : IProgress<BatchReport>
{
    private long _start;
    private long _lastLine;

    public void Report(BatchReport batch)
    {
        long now = Stopwatch.GetTimestamp();
        if (_start == 0) _start = _lastLine = now;
        if (batch.Batch == batch.Batches || Stopwatch.GetElapsedTime(_lastLine, now) < interval) return;
        _lastLine = now;
        var elapsed = Stopwatch.GetElapsedTime(_start, now);
        writeLine(string.Create(CultureInfo.InvariantCulture,
            $"  epoch {batch.Epoch}/{batch.Epochs}  batch {batch.Batch}/{batch.Batches}  loss {batch.EpochLoss:F4}  {(int)elapsed.TotalMinutes}:{elapsed.Seconds:00} elapsed"));
    }
}
