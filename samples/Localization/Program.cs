// A localisation head: ShapeLocalizer (ShapeLocalizer.cs) finds the one object in a synthetic 16×16 image and says
// what it is (rectangle, ellipse or triangle) and where (its bounding box), trained with ClassAndBoxLoss: softmax
// cross-entropy on the class logits plus λ times the mean squared error of the box. Prints loss, class accuracy and
// mean box IoU per epoch, then the final figures next to those of always guessing the average box.
using System;
using System.Diagnostics;
using DslNet;
using DslNet.Samples;
using LocalizationSample;

var options = SampleOptions.Parse(args, out int exitCode);
if (options is null) return exitCode;

int classes = ObjectImages.ClassNames.Length;
// Box coordinates are fractions of the image, so their squared errors are small: λ lifts them to matter as much as the classes.
const float boxWeight = 30f;
Dataset training = ObjectImages.Generate(options.TrainingCount, options.Seed);
Dataset test = ObjectImages.Generate(options.TestCount, options.Seed + 1);
Console.WriteLine($"Objects: {training.Count} training and {test.Count} test images of 1×{ObjectImages.Size}×{ObjectImages.Size}, one " +
    $"{string.Join(", ", ObjectImages.ClassNames)} each, {ObjectImages.MinExtent}–{ObjectImages.MaxExtent} px wide and high, on noise σ {ObjectImages.Noise}.");

var network = new ShapeLocalizer(seed: options.Seed);
Console.WriteLine($"ShapeLocalizer: {ShapeLocalizer.ParameterCount} parameters, output {classes} class logits + 4 box numbers; " +
    $"ClassAndBoxLoss λ {boxWeight}, Adam lr 0.003, batch 16, {options.Epochs} epochs.");
var trainer = new Trainer(network, new ClassAndBoxLoss(classes, boxWeight), new AdamOptimizer(0.003f),
    new TrainerOptions { Epochs = options.Epochs, BatchSize = 16, Seed = options.Seed });

var clock = Stopwatch.StartNew();
var history = TrainingConsole.Fit(trainer, training, test, new EpochLine(network, test, classes).Format);
clock.Stop();

var score = BoxScore.Measure(network, test, classes);
double baseline = BoxScore.AverageBoxIoU(training, test, classes);
Console.WriteLine($"Test class accuracy {score.ClassAccuracy:P2} (chance {1.0 / classes:P0}); mean box IoU {score.MeanIoU:F3} " +
    $"(always the average box: {baseline:F3}). Training took {clock.Elapsed.TotalSeconds:F1} s.");

// The first few test images, true and predicted, in pixels.
var first = new float[5 * ShapeLocalizer.OutputSize];
var inputs = new float[5 * ShapeLocalizer.InputSize];
for (int i = 0; i < 5; i++) test.Input(i).CopyTo(inputs.AsSpan(i * ShapeLocalizer.InputSize));
network.Forward(inputs, first, 5);
for (int i = 0; i < 5; i++)
{
    ReadOnlySpan<float> output = first.AsSpan(i * ShapeLocalizer.OutputSize, ShapeLocalizer.OutputSize);
    ReadOnlySpan<float> target = test.Target(i);
    int truth = target[..classes].IndexOf(1f);
    int guess = 0;
    for (int c = 1; c < classes; c++) if (output[c] > output[guess]) guess = c;
    Console.WriteLine($"  image {i}: {ObjectImages.ClassNames[truth],-9} {Pixels(target[classes..])}  →  predicted {ObjectImages.ClassNames[guess],-9} " +
        $"{Pixels(output[classes..])}  IoU {BoxScore.IoU(output[classes..], target[classes..]):F2}");
}
Console.WriteLine($"Chart: {TrainingCharts.SaveCurves(history, "localization", "Shape localiser (class and box loss)")}");
return 0;

static string Pixels(ReadOnlySpan<float> box) =>
    $"centre ({box[0] * ObjectImages.Size:F1}, {box[1] * ObjectImages.Size:F1}) size {box[2] * ObjectImages.Size:F1}×{box[3] * ObjectImages.Size:F1}";

/// <summary>One line per epoch: the loss, and the test set's class accuracy and mean box IoU.</summary>
internal sealed class EpochLine(INetwork network, Dataset test, int classes)
{
    public string Format(EpochReport r)
    {
        var score = BoxScore.Measure(network, test, classes);
        return ($"epoch {r.Epoch,2}/{r.Epochs}  loss {r.TrainingLoss:F4}  test loss {r.ValidationLoss:F4}  " +
            $"test class accuracy {score.ClassAccuracy:P1}  mean IoU {score.MeanIoU:F3}  ({r.Elapsed.TotalMilliseconds:F0} ms)");
    }
}
