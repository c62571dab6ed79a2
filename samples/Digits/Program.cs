// Trains DigitsMlp (DigitsMlp.cs: three Dense layers declared with attributes) on the 8×8 digits.
// Run with --help for the options: optimiser, L1/L2 penalties, early stopping, augmentation, health monitoring.
using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Digits;
using DslNet;
using DslNet.Samples;

var options = SampleOptions.Parse(args, out int exitCode);
if (options is null) return exitCode;
// 1,797 images of 64 pixels in 0..16 (scaled to 0..1) with labels 0..9, split 80/20 with a fixed seed.
if (!SampleData.TryLoad("the digits data", options.DataPath, "Pass --data <path to digits.csv.gz> (the repository has it in samples/data/).",
    () => CsvDataset.LoadClassification(options.DataPath, classCount: 10, inputScale: 1f / 16), out var all)) return 1;
var (training, test) = all.Split(0.8, seed: options.Seed);
// Early stopping must not peek at the test set: it watches a slice held out of the training images.
Dataset validation = test;
if (options.EarlyStoppingPatience is not null) (training, validation) = training.Split(0.85, seed: options.Seed);
Console.WriteLine($"Digits: {training.Count} training{(validation == test ? "" : $", {validation.Count} validation")} and {test.Count} test images of {all.InputSize} pixels, 10 classes.");

var network = new DigitsMlp(seed: options.Seed);
Console.WriteLine($"DigitsMlp: {DigitsMlp.InputSize} → 64 ReLU → 32 ReLU → {DigitsMlp.OutputSize} softmax, {DigitsMlp.ParameterCount} parameters.");
IOptimizer optimizer = options.CreateOptimizer();
var trainerOptions = new TrainerOptions
{
    Epochs = options.Epochs,
    BatchSize = options.BatchSize,
    Seed = options.Seed,
    Penalties = options.Penalties(),
    EarlyStopping = options.EarlyStoppingPatience is int patience ? new EarlyStopping(options.EarlyStoppingMetric) { Patience = patience } : null,
    Augmentation = options.Augment
        ? new ImageAugmentation(channels: 1, height: 8, width: 8, new RandomRotation(5), new RandomShift(0.5f))
        : null,
    Health = options.Health ? new GradientHealthOptions { Events = new HealthEventPrinter() } : null,
};
Console.WriteLine($"Optimiser {options.Optimizer} ({optimizer.GetType().Name}), learning rate {optimizer.LearningRate}" +
    string.Concat(trainerOptions.Penalties.Select(p => $"; penalty {p}")) +
    (trainerOptions.EarlyStopping is { } stopping ? $"; {stopping}" : "") +
    (trainerOptions.Augmentation is { } augmentation ? $"; augmentation {augmentation}" : "") + ".");
var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), optimizer, trainerOptions);

var clock = Stopwatch.StartNew();
TrainingHistory history;
try
{
    history = TrainingConsole.Fit(trainer, training, validation, new EpochLine(validation == test ? "test" : "validation").Format);
}
catch (TrainingDivergedException e)
{
    Console.Error.WriteLine($"Training diverged: {e.Message}");
    return 3;
}
clock.Stop();

var final = trainer.Evaluate(test);
Console.WriteLine(history.StopMessage);
Console.WriteLine($"Test accuracy {final.Accuracy:P2} (loss {final.Loss:F4}) after {history.Count} epochs in {clock.Elapsed.TotalSeconds:F2} s.");
HealthTable.Print(history);
Console.WriteLine();
Console.WriteLine("Confusion matrix (rows: true digit, columns: predicted):");
var confusion = ConfusionMatrix.Compute(network, test);
Console.Write(confusion.ToString(null));
Console.WriteLine($"Charts: {TrainingCharts.SaveCurves(history, "digits", "Digits MLP", validation == test ? "test" : "validation")}, " +
    $"{TrainingCharts.SaveConfusionMatrix(confusion, "digits", "Digits MLP, test images")}");
return 0;

/// <summary>One line per epoch, as Keras prints them.</summary>
internal sealed class EpochLine(string validationName)
{
    public string Format(EpochReport r) => (
        $"epoch {r.Epoch,3}/{r.Epochs}  loss {r.TrainingLoss:F4}{(r.TrainingPenalty > 0 ? $" (penalty {r.TrainingPenalty:F4})" : "")}  accuracy {r.TrainingAccuracy:P1}  " +
        $"{validationName} loss {r.ValidationLoss:F4}  {validationName} accuracy {r.ValidationAccuracy:P1}  ({r.Elapsed.TotalMilliseconds:F0} ms)");
}

/// <summary>Prints each gradient-health flag the moment the monitor raises it.</summary>
internal sealed class HealthEventPrinter : IProgress<HealthEvent>
{
    public void Report(HealthEvent e) => TrainingConsole.WriteLine($"  health: {e}");
}
