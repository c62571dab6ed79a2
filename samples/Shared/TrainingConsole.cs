using System;
using System.Diagnostics;
using DslNet;
using Spectre.Console;

namespace DslNet.Samples;

/// <summary>
/// Runs <see cref="Trainer.Fit"/> with a progress bar for the whole run (from the trainer's <see cref="BatchReport"/>s)
/// and one line per epoch above it. When the output is redirected (CI, a pipe, a file) or the terminal cannot redraw,
/// there is no bar: the epoch lines, and between them a <see cref="ProgressLines"/> line every
/// <see cref="ProgressLineInterval"/>.
/// </summary>
public static class TrainingConsole
{
    /// <summary>Whether a progress bar is drawn: only on an interactive terminal whose output is not redirected.</summary>
    public static bool ShowsProgressBar => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>How often a progress line is printed in place of the bar when there is none.</summary>
    public static TimeSpan ProgressLineInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Trains like <see cref="Trainer.Fit"/>, printing <paramref name="epochLine"/> of each epoch's report.</summary>
    public static TrainingHistory Fit(Trainer trainer, Dataset training, Dataset? validation, Func<EpochReport, string> epochLine)
    {
        var epochs = new LineProgress<EpochReport>(report => WriteLine(epochLine(report)));
        if (!ShowsProgressBar) return trainer.Fit(training, validation, epochs, new ProgressLines(ProgressLineInterval, Console.WriteLine));

        TrainingHistory? history = null;
        AnsiConsole.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: 1.0);
                history = trainer.Fit(training, validation, epochs, new BarProgress(task));
                task.Value = task.MaxValue;
            });
        return history!;
    }

    /// <summary>Writes a line; during <see cref="Fit"/> it appears above the progress bar.</summary>
    /// <remarks>Without a bar the line goes straight to the console: Spectre would wrap it at 80 columns, its width for redirected output.</remarks>
    public static void WriteLine(string text)
    {
        if (ShowsProgressBar) AnsiConsole.Console.WriteLine(text, Style.Plain);
        else Console.WriteLine(text);
    }

    /// <summary>Moves the bar after every batch and names the epoch and its running loss (redrawn at most ten times a second).</summary>
    private sealed class BarProgress(ProgressTask task) : IProgress<BatchReport>
    {
        private long _lastLabel;

        public void Report(BatchReport batch)
        {
            task.Value = batch.RunFraction;
            long now = Stopwatch.GetTimestamp();
            if (batch.Batch != batch.Batches && Stopwatch.GetElapsedTime(_lastLabel, now).TotalMilliseconds < 100) return;
            _lastLabel = now;
            task.Description = $"epoch {batch.Epoch}/{batch.Epochs}  batch {batch.Batch}/{batch.Batches}  loss {batch.EpochLoss:F4}";
        }
    }

    /// <summary>Calls back on the training thread, unlike <see cref="Progress{T}"/>, which posts to the thread pool.</summary>
    private sealed class LineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
