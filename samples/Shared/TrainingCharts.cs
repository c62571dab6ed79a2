using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DslNet;
using ScottPlot;

namespace DslNet.Samples;

/// <summary>
/// PNG charts of a training run (ScottPlot): the loss and, for classifiers, the accuracy per epoch, training against
/// validation; and a confusion matrix. Each method writes into <paramref name="folder"/> (by default <see cref="Folder"/>)
/// and returns the path it wrote.
/// </summary>
public static class TrainingCharts
{
    /// <summary>The folder the samples write their charts to: <c>charts/</c> under the working directory.</summary>
    public static string Folder => Path.Combine(Environment.CurrentDirectory, "charts");

    /// <summary>
    /// Writes <c>{name}-curves.png</c>: the loss per epoch and, when the reports carry accuracies, the accuracy per
    /// epoch beside it, each with the training and the <paramref name="validationName"/> curve.
    /// </summary>
    public static string SaveCurves(IReadOnlyList<EpochReport> reports, string name, string title, string validationName = "test", string? folder = null)
    {
        var plots = CurvePlots(reports, title, validationName);
        var figure = new Multiplot(plots[0]);
        foreach (var plot in plots.Skip(1)) figure.AddPlot(plot);
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        return Save(folder, name + "-curves.png", path => figure.SavePng(path, 600 * plots.Count, 420));
    }

    /// <summary>The plots <see cref="SaveCurves"/> puts side by side: the loss, and the accuracy when the reports carry it.</summary>
    public static IReadOnlyList<Plot> CurvePlots(IReadOnlyList<EpochReport> reports, string title, string validationName = "test")
    {
        double[] epochs = reports.Select(r => (double)r.Epoch).ToArray();
        var loss = new Plot();
        AddCurve(loss, epochs, reports.Select(r => (double?)r.TrainingLoss), "training", Colors.C0);
        AddCurve(loss, epochs, reports.Select(r => (double?)r.ValidationLoss), validationName, Colors.C1);
        Label(loss, $"{title}: loss", "loss", Alignment.UpperRight);

        var plots = new List<Plot> { loss };
        if (reports.Any(r => r.TrainingAccuracy is not null))
        {
            var accuracy = new Plot();
            AddCurve(accuracy, epochs, reports.Select(r => (double?)r.TrainingAccuracy * 100), "training", Colors.C0);
            AddCurve(accuracy, epochs, reports.Select(r => (double?)r.ValidationAccuracy * 100), validationName, Colors.C1);
            Label(accuracy, $"{title}: accuracy", "accuracy (%)", Alignment.LowerRight);
            plots.Add(accuracy);
        }
        return plots;
    }

    /// <summary>
    /// Writes <c>{name}-comparison.png</c>: the loss per epoch of several runs on one chart, each run's validation
    /// loss solid and its training loss dashed in the same colour, for models trained on the same data side by side.
    /// </summary>
    public static string SaveLossComparison(IReadOnlyList<(string Name, IReadOnlyList<EpochReport> Reports)> runs, string name, string title, string? folder = null)
    {
        var plot = LossComparisonPlot(runs, title);
        return Save(folder, name + "-comparison.png", path => plot.SavePng(path, 720, 480));
    }

    /// <summary>The plot <see cref="SaveLossComparison"/> writes.</summary>
    public static Plot LossComparisonPlot(IReadOnlyList<(string Name, IReadOnlyList<EpochReport> Reports)> runs, string title)
    {
        var plot = new Plot();
        for (int i = 0; i < runs.Count; i++)
        {
            var (run, reports) = runs[i];
            double[] epochs = reports.Select(r => (double)r.Epoch).ToArray();
            var color = plot.Add.Palette.GetColor(i);
            AddCurve(plot, epochs, reports.Select(r => (double?)r.ValidationLoss), $"{run}, validation", color);
            var training = AddCurve(plot, epochs, reports.Select(r => (double?)r.TrainingLoss), $"{run}, training", color);
            if (training is not null) training.LinePattern = TrainingPattern;
        }
        Label(plot, title, "loss", Alignment.UpperRight);
        // The legend's line must hold a few dashes, or the dashed training line looks solid there.
        plot.Legend.SymbolWidth = LegendSymbolWidth;
        return plot;
    }

    /// <summary>The dash pattern of the training curves in <see cref="LossComparisonPlot"/>.</summary>
    public static LinePattern TrainingPattern => LinePattern.DenselyDashed;

    /// <summary>The length, in pixels, of the line beside each legend entry of <see cref="LossComparisonPlot"/>.</summary>
    public const float LegendSymbolWidth = 40;

    /// <summary>
    /// Writes <c>{name}-confusion.png</c>: a heat map of <paramref name="matrix"/>, true classes down and predicted
    /// classes across, each cell labelled with its count.
    /// </summary>
    public static string SaveConfusionMatrix(ConfusionMatrix matrix, string name, string title, IReadOnlyList<string>? classNames = null, string? folder = null)
    {
        var plot = ConfusionMatrixPlot(matrix, title, classNames);
        return Save(folder, name + "-confusion.png", path => plot.SavePng(path, 720, 620));
    }

    /// <summary>The plot <see cref="SaveConfusionMatrix"/> writes.</summary>
    public static Plot ConfusionMatrixPlot(ConfusionMatrix matrix, string title, IReadOnlyList<string>? classNames = null)
    {
        int classes = matrix.ClassCount;
        // Row shares rather than counts colour the cells, so a rare class's mistakes show as clearly as a common one's.
        var shares = new double[classes, classes];
        for (int t = 0; t < classes; t++)
        {
            double row = 0;
            for (int p = 0; p < classes; p++) row += matrix.Counts[t, p];
            for (int p = 0; p < classes; p++) shares[t, p] = row == 0 ? 0 : matrix.Counts[t, p] / row;
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(shares);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        // The heat map draws row 0 at the top; true class t sits at y = classes − 1 − t, each cell centred on its tick.
        // Rectangle sets the cells' outer edges; Extent would set their centres' span and shift them half a cell.
        heatmap.Rectangle = new CoordinateRect(-0.5, classes - 0.5, -0.5, classes - 0.5);
        for (int t = 0; t < classes; t++)
        {
            for (int p = 0; p < classes; p++)
            {
                var text = plot.Add.Text(matrix.Counts[t, p].ToString(), p, classes - 1 - t);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = classes > 10 ? 10 : 13;
                text.LabelFontColor = shares[t, p] > 0.6 ? Colors.Black : Colors.White;
            }
        }
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = "share of the true class";
        // Five ticks as percentages: the automatic ones (0.05 apart, "0.65") are wide enough to run into the label.
        double[] shareTicks = [0, 0.25, 0.5, 0.75, 1];
        colorBar.Axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual(shareTicks, shareTicks.Select(s => $"{s:0%}").ToArray());

        double[] ticks = Enumerable.Range(0, classes).Select(i => (double)i).ToArray();
        string[] labels = Enumerable.Range(0, classes).Select(i => classNames is not null && i < classNames.Count ? classNames[i] : i.ToString()).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, labels);
        // Names (Fashion-MNIST's "T-shirt/top", "Ankle boot") are wider than a cell: slanted, they do not run into each other.
        if (labels.Any(label => label.Length > 3))
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            // ScottPlot sizes the axis for level labels: room for the slanted ones and the axis label below them.
            plot.Axes.Bottom.MinimumSize = SlantedLabelsAxisHeight(labels);
        }
        // True class 0 at the top, as the text table prints it.
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.Reverse().ToArray(), labels);
        plot.Axes.SetLimits(-0.5, classes - 0.5, -0.5, classes - 0.5);
        plot.Title($"{title}: confusion matrix ({matrix.Accuracy:P1} correct)");
        plot.XLabel("predicted class");
        plot.YLabel("true class");
        return plot;
    }

    private static float SlantedLabelsAxisHeight(string[] labels) =>
        // About 7 px per character at the tick labels' size, times sin 45°, plus the "predicted class" label.
        labels.Max(label => label.Length) * 7 * 0.71f + 40;

    private static ScottPlot.Plottables.Scatter? AddCurve(Plot plot, double[] epochs, IEnumerable<double?> values, string label, Color color)
    {
        double?[] ys = values.ToArray();
        if (ys.All(y => y is null)) return null;
        var scatter = plot.Add.Scatter(epochs, ys.Select(y => y ?? double.NaN).ToArray(), color);
        scatter.LegendText = label;
        scatter.LineWidth = 2;
        scatter.MarkerSize = epochs.Length > 40 ? 0 : 5;
        return scatter;
    }

    private static void Label(Plot plot, string title, string yLabel, Alignment legend)
    {
        plot.Title(title);
        plot.XLabel("epoch");
        // Epochs are whole: a short run would otherwise get ticks at 1.5, 2.5, ...
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.YLabel(yLabel);
        plot.ShowLegend(legend);
    }

    private static string Save(string? folder, string fileName, Action<string> save)
    {
        folder ??= Folder;
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, fileName);
        save(path);
        return path;
    }
}
