using System;
using System.Collections.Generic;
using DslNet.Samples;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// The progress lines a sample prints instead of a bar when its output is redirected (samples/Shared/ProgressLines.cs):
/// within an epoch, at most one per interval, each naming the epoch, the batch, the running loss and the time so far.
/// One test swaps Console.Out: the collection keeps the other test that trains through the console from running beside it.
/// </summary>
[Collection("Console output")]
public sealed class ProgressLinesTests
{
    [Fact]
    public void Every_batch_but_the_epochs_last_gets_a_line_when_the_interval_is_zero()
    {
        var lines = new List<string>();
        var progress = new ProgressLines(TimeSpan.Zero, lines.Add);
        for (int epoch = 1; epoch <= 2; epoch++)
        {
            for (int batch = 1; batch <= 3; batch++) progress.Report(new BatchReport(epoch, 2, batch, 3, 0.5f, 0.25f * batch));
        }
        Assert.Equal(4, lines.Count);
        Assert.Matches(@"^  epoch 1/2  batch 1/3  loss 0\.2500  0:\d\d elapsed$", lines[0]);
        Assert.StartsWith("  epoch 2/2  batch 2/3  loss 0.5000  ", lines[3]);
    }

    [Fact]
    public void A_long_interval_keeps_a_fast_run_quiet()
    {
        var lines = new List<string>();
        var progress = new ProgressLines(TimeSpan.FromMinutes(10), lines.Add);
        for (int batch = 1; batch <= 100; batch++) progress.Report(new BatchReport(1, 1, batch, 100, 0.5f, 0.5f));
        Assert.Empty(lines);
    }

    [Fact]
    public void A_redirected_training_run_prints_progress_lines_between_its_epoch_lines()
    {
        var all = CsvDataset.LoadClassification(System.IO.Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"), 10, 1f / 16);
        var trainer = new Trainer(new Digits.DigitsMlp(seed: 1), new SoftmaxCrossEntropyLoss(), new SgdOptimizer(0.1f),
            new TrainerOptions { Epochs = 2, BatchSize = 600, Seed = 1 });
        var output = new System.IO.StringWriter();
        var console = Console.Out;
        var interval = TrainingConsole.ProgressLineInterval;
        try
        {
            Console.SetOut(output);
            TrainingConsole.ProgressLineInterval = TimeSpan.Zero;
            TrainingConsole.Fit(trainer, all, null, r => $"epoch {r.Epoch} done");
        }
        finally
        {
            Console.SetOut(console);
            TrainingConsole.ProgressLineInterval = interval;
        }
        // 1,797 images in batches of 600: three batches an epoch, the last of each reported by its epoch line.
        string[] lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("  epoch 1/2  batch 1/3  loss ", lines[0]);
        Assert.StartsWith("  epoch 1/2  batch 2/3  loss ", lines[1]);
        Assert.Equal("epoch 1 done", lines[2]);
        Assert.Equal("epoch 2 done", lines[5]);
    }
}
