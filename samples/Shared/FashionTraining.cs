using System;
using System.Diagnostics;
using DslNet;

namespace DslNet.Samples;

/// <summary>
/// What the Fashion-MNIST samples print around training: an epoch line with training and test loss and accuracy, then
/// the test accuracy with the wall time, the confusion matrix, and the curves and matrix as charts.
/// </summary>
public static class FashionTraining
{
    /// <summary>
    /// Trains with <paramref name="trainer"/> and reports as above; <paramref name="network"/> is the network itself
    /// (not a data-parallel wrapper), for the confusion matrix.
    /// </summary>
    public static void FitAndReport(Trainer trainer, INetwork network, Dataset training, Dataset test, string chartName, string chartTitle)
    {
        var clock = Stopwatch.StartNew();
        var history = TrainingConsole.Fit(trainer, training, test, r =>
            $"epoch {r.Epoch,2}/{r.Epochs}  loss {r.TrainingLoss:F4}  accuracy {r.TrainingAccuracy:P2}  " +
            $"test loss {r.ValidationLoss:F4}  test accuracy {r.ValidationAccuracy:P2}  ({r.Elapsed.TotalSeconds:F1} s)");
        clock.Stop();

        var final = trainer.Evaluate(test);
        Console.WriteLine($"Test accuracy {final.Accuracy:P2} (loss {final.Loss:F4}) after {history.Count} epochs; training took {clock.Elapsed.TotalSeconds:F1} s " +
            $"({(double)training.Count * history.Count / clock.Elapsed.TotalSeconds:F0} samples/s including evaluation).");
        Console.WriteLine();
        Console.WriteLine("Confusion matrix (rows: true class, columns: predicted):");
        var confusion = ConfusionMatrix.Compute(network, test);
        Console.Write(confusion.ToString(FashionMnist.ClassNames));
        Console.WriteLine($"Charts: {TrainingCharts.SaveCurves(history, chartName, chartTitle)}, " +
            $"{TrainingCharts.SaveConfusionMatrix(confusion, chartName, chartTitle, FashionMnist.ClassNames)}");
    }
}
