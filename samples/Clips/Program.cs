// Video classification with a sequence network: ClipClassifier (ClipClassifier.cs: Conv2D and MaxPool2D on every frame,
// an Lstm through time) tells which way a digit slides across a noisy 16×16 canvas in clips made by ClipGenerator.
// Test clips show digit images the training never saw. A single frame cannot tell the direction, which the same
// network trained on one frame per clip measures at the end. Run with --help for the options.
using System;
using System.Diagnostics;
using System.IO;
using ClipsSample;
using DslNet;
using DslNet.Samples;

var options = SampleOptions.Parse(args, out int exitCode);
if (options is null) return exitCode;
// Held-out digit images make the test clips, so the test measures motion on shapes the network never saw.
if (!SampleData.TryLoad("the digits data", options.DataPath, "Pass --data <path to digits.csv.gz> (the repository has it in samples/data/).",
    () => CsvDataset.LoadClassification(options.DataPath, classCount: 10, inputScale: 1f / 16), out var digits)) return 1;
var (trainingDigits, testDigits) = digits.Split(0.8, seed: options.Seed);
Dataset training = ClipGenerator.Generate(trainingDigits, options.TrainingCount, options.Frames, options.MinFrames, options.Seed);
Dataset test = ClipGenerator.Generate(testDigits, options.TestCount, options.Frames, options.MinFrames, options.Seed + 1);
string lengths = options.MinFrames == options.Frames ? $"{options.Frames} frames" : $"{options.MinFrames}–{options.Frames} frames (padded to {options.Frames})";
Console.WriteLine($"Clips: {training.Count} training clips from {trainingDigits.Count} digit images, {test.Count} test clips from {testDigits.Count} others; " +
    $"{lengths} of 1×{ClipGenerator.Size}×{ClipGenerator.Size}, a digit moving 1–2 px per frame left, right, up or down, noise σ {ClipGenerator.Noise}.");

var network = new ClipClassifier(timeSteps: options.Frames, seed: options.Seed);
Console.WriteLine($"ClipClassifier: per frame Conv 8@3×3 ReLU → MaxPool 2 → Flatten 392, then Lstm 32 → Dense 4 softmax; " +
    $"{ClipClassifier.ParameterCount:N0} parameters. Adam lr {options.LearningRate}, batch 32, {options.Epochs} epochs.");
var clock = Stopwatch.StartNew();
Train(network, training, test);
clock.Stop();

// The confusion matrix reads each clip to its own length, as training did.
var confusion = ConfusionMatrix.Compute(network, test);
Console.WriteLine($"Test accuracy {confusion.Accuracy:P2} on {test.Count} clips after {clock.Elapsed.TotalSeconds:F1} s of training.");
if (test.HasLengths)
{
    Console.Write("By clip length:");
    for (int length = options.MinFrames; length <= options.Frames; length++)
    {
        if (ClipsOfLength.Select(test, length) is { } clips) Console.Write($"  {length} frames {ConfusionMatrix.Compute(network, clips).Accuracy:P1}");
    }
    Console.WriteLine();
}
Console.WriteLine();
Console.WriteLine("Confusion matrix (rows: true direction, columns: predicted):");
Console.Write(confusion.ToString(ClipGenerator.Directions));

if (options.Baseline)
{
    // The same layers with one time step, trained and tested on one random frame of each clip.
    Console.WriteLine();
    Console.WriteLine("Baseline: the same network with TimeSteps = 1 on one random frame of each clip.");
    var singleFrame = new ClipClassifier(timeSteps: 1, seed: options.Seed);
    Dataset frameTest = ClipGenerator.SingleFrames(test, options.Seed + 3);
    Train(singleFrame, ClipGenerator.SingleFrames(training, options.Seed + 2), frameTest);
    Console.WriteLine($"Single-frame test accuracy {ConfusionMatrix.Compute(singleFrame, frameTest).Accuracy:P2} (chance: 25 %).");
}
return 0;

void Train(ClipClassifier classifier, Dataset clips, Dataset validation)
{
    var trainer = new Trainer(classifier, new SoftmaxCrossEntropyLoss(), new AdamOptimizer(options.LearningRate),
        new TrainerOptions { Epochs = options.Epochs, BatchSize = 32, Seed = options.Seed });
    TrainingConsole.Fit(trainer, clips, validation, r =>
        $"epoch {r.Epoch,2}/{r.Epochs}  loss {r.TrainingLoss:F4}  accuracy {r.TrainingAccuracy:P1}  " +
        $"test loss {r.ValidationLoss:F4}  test accuracy {r.ValidationAccuracy:P1}  ({r.Elapsed.TotalSeconds:F1} s)");
}
