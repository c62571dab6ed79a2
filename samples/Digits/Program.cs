// Trains DigitsMlp (DigitsMlp.cs: three Dense layers declared with attributes) on the 8×8 digits.
using System;
using System.Diagnostics;
using System.IO;
using Digits;
using DslNet;

var options = SampleOptions.Parse(args);
if (options is null) return 2;
if (!File.Exists(options.DataPath))
{
    Console.Error.WriteLine($"Digits data not found at '{options.DataPath}'. Pass --data <path to digits.csv.gz> (the repository has it in samples/data/).");
    return 1;
}

// 1,797 images of 64 pixels in 0..16 (scaled to 0..1) with labels 0..9, split 80/20 with a fixed seed.
var all = CsvDataset.LoadClassification(options.DataPath, classCount: 10, inputScale: 1f / 16);
var (training, test) = all.Split(0.8, seed: options.Seed);
Console.WriteLine($"Digits: {training.Count} training and {test.Count} test images of {all.InputSize} pixels, 10 classes.");

var network = new DigitsMlp(seed: options.Seed);
Console.WriteLine($"DigitsMlp: {DigitsMlp.InputSize} → 64 ReLU → 32 ReLU → {DigitsMlp.OutputSize} softmax, {DigitsMlp.ParameterCount} parameters.");
var trainer = new Trainer(
    network,
    new SoftmaxCrossEntropyLoss(),
    new SgdMomentumOptimizer(learningRate: options.LearningRate, momentum: 0.9f),
    new TrainerOptions { Epochs = options.Epochs, BatchSize = options.BatchSize, Seed = options.Seed });

var clock = Stopwatch.StartNew();
trainer.Fit(training, validation: test, progress: new EpochPrinter());
clock.Stop();

var final = trainer.Evaluate(test);
Console.WriteLine($"Test accuracy {final.Accuracy:P2} (loss {final.Loss:F4}) after {options.Epochs} epochs in {clock.Elapsed.TotalSeconds:F2} s.");
ConfusionMatrix.Print(network, test);
return 0;

/// <summary>One line per epoch, as Keras prints them.</summary>
internal sealed class EpochPrinter : IProgress<EpochReport>
{
    public void Report(EpochReport r) => Console.WriteLine(
        $"epoch {r.Epoch,3}/{r.Epochs}  loss {r.TrainingLoss:F4}  accuracy {r.TrainingAccuracy:P1}  " +
        $"test loss {r.ValidationLoss:F4}  test accuracy {r.ValidationAccuracy:P1}  ({r.Elapsed.TotalMilliseconds:F0} ms)");
}
