using System;
using System.IO;
using System.Linq;
using DslNet.Samples;
using ScottPlot;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// The samples' shared console and charts (samples/Shared): training through <see cref="TrainingConsole"/> with the
/// output redirected, as here, prints epoch lines and no progress bar; the charts render real PNG files on this machine
/// (ScottPlot draws with SkiaSharp, whose native library must load).
/// </summary>
[Collection("Console output")]
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

    private static EpochReport Epoch(int epoch, int epochs, float loss, float? accuracy) =>
        new(epoch, epochs, loss, loss * 1.1f, accuracy, accuracy, TimeSpan.FromSeconds(1));

    /// <summary>The confusion matrix of an untrained Digits MLP on the digits: ten classes, mistakes everywhere.</summary>
    private static ConfusionMatrix UntrainedDigitsMatrix() => ConfusionMatrix.Compute(new Digits.DigitsMlp(seed: 3),
        CsvDataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"), 10, 1f / 16));

    [Fact]
    public void The_confusion_matrix_cells_sit_on_their_ticks_and_counts()
    {
        var matrix = UntrainedDigitsMatrix();
        var plot = TrainingCharts.ConfusionMatrixPlot(matrix, "test");
        plot.RenderInMemory(720, 620);

        // Cell (t, p) is centred on x = p, y = 9 − t, where its count and the ticks are: edges half a cell either side.
        var heatmap = plot.GetPlottables<ScottPlot.Plottables.Heatmap>().Single();
        var cells = heatmap.GetAlignedExtent();
        Assert.Equal((-0.5, 9.5, -0.5, 9.5), (cells.Left, cells.Right, cells.Bottom, cells.Top));
        var counts = plot.GetPlottables<ScottPlot.Plottables.Text>().ToArray();
        Assert.Equal(100, counts.Length);
        for (int k = 0; k < counts.Length; k++)
        {
            int t = k / 10, p = k % 10;
            Assert.Equal(matrix.Counts[t, p].ToString(), counts[k].LabelText);
            Assert.Equal(heatmap.Intensities[t, p], heatmap.GetValue(counts[k].Location));
        }
    }

    [Fact]
    public void Class_names_slant_on_the_confusion_matrix_so_they_do_not_overlap()
    {
        var matrix = UntrainedDigitsMatrix();
        var named = TrainingCharts.ConfusionMatrixPlot(matrix, "test", FashionMnist.ClassNames);
        Assert.NotEqual(0, named.Axes.Bottom.TickLabelStyle.Rotation);
        // Room below the axis for "T-shirt/top" slanted and the axis label under it.
        Assert.True(named.Axes.Bottom.MinimumSize >= 80, $"bottom axis {named.Axes.Bottom.MinimumSize} px");
        Assert.Equal(0, TrainingCharts.ConfusionMatrixPlot(matrix, "test").Axes.Bottom.TickLabelStyle.Rotation);
    }

    [Fact]
    public void A_short_run_has_whole_epochs_on_its_axis()
    {
        var reports = Enumerable.Range(1, 4).Select(e => Epoch(e, 4, 1f / e, 0.5f + e / 10f)).ToArray();
        foreach (var plot in TrainingCharts.CurvePlots(reports, "test").Append(TrainingCharts.LossComparisonPlot([("a", reports), ("b", reports)], "test")))
        {
            plot.RenderInMemory(600, 420);
            var ticks = plot.Axes.Bottom.TickGenerator.Ticks.Where(tick => tick.IsMajor).Select(tick => tick.Position).ToArray();
            Assert.NotEmpty(ticks);
            Assert.All(ticks, tick => Assert.Equal(Math.Round(tick), tick));
        }
    }

    [Fact]
    public void The_comparison_legend_draws_the_training_lines_dashed()
    {
        var reports = Enumerable.Range(1, 6).Select(e => Epoch(e, 6, 1f / e, null)).ToArray();
        var plot = TrainingCharts.LossComparisonPlot([("transformer", reports), ("lstm", reports)], "test");
        var training = plot.Legend.GetItems().Where(item => item.LabelText.EndsWith("training")).ToArray();
        Assert.Equal(2, training.Length);
        Assert.All(training, item => Assert.Equal(TrainingCharts.TrainingPattern, item.LinePattern));
        // The legend's line holds at least two whole dashes and gaps of the pattern, so it reads as dashed.
        float period = TrainingCharts.TrainingPattern.Intervals.Sum();
        Assert.True(plot.Legend.SymbolWidth >= 2 * period, $"legend line {plot.Legend.SymbolWidth} px, dash period {period} px");
    }
}
