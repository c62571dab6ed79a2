using System;
using System.IO;
using DslNet.Samples;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// The samples' shared console and charts (samples/Shared): training through <see cref="TrainingConsole"/> with the
/// output redirected, as here, prints epoch lines and no progress bar; the charts render real PNG files on this machine
/// (ScottPlot draws with SkiaSharp, whose native library must load).
/// </summary>
public sealed class SampleChartsTests
{
    [Fact]
    public void A_sample_run_trains_without_a_bar_when_redirected_and_writes_its_charts()
    {
        var all = CsvDataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"), 10, 1f / 16);
        var (training, test) = all.Split(0.8, seed: 42);
        var network = new Digits.DigitsMlp(seed: 42);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f, 0.9f),
            new TrainerOptions { Epochs = 3, BatchSize = 32, Seed = 42 });
        Assert.False(TrainingConsole.ShowsProgressBar);

        var history = TrainingConsole.Fit(trainer, training, test, r => $"epoch {r.Epoch}");

        Assert.Equal(3, history.Count);
        string folder = Path.Combine(Path.GetTempPath(), $"dslnet-charts-{Guid.NewGuid():N}");
        try
        {
            string curves = TrainingCharts.SaveCurves(history, "digits", "Digits", folder: folder);
            string confusion = TrainingCharts.SaveConfusionMatrix(ConfusionMatrix.Compute(network, test), "digits", "Digits", folder: folder);
            string comparison = TrainingCharts.SaveLossComparison([("first", history), ("second", history)], "digits", "Digits twice", folder: folder);
            foreach (string path in new[] { curves, confusion, comparison })
            {
                byte[] png = File.ReadAllBytes(path);
                Assert.True(png.Length > 10_000, $"{path} has only {png.Length} bytes");
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            }
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
