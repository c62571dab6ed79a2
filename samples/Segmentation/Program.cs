// A segmentation head: ShapeSegmenter (ShapeSegmenter.cs), a fully convolutional network ending in a linear 1×1
// convolution, or with --model unet ShapeUNet (ShapeUNet.cs), a U-Net with skip connections, labels every pixel of synthetic 12×12 images as background, square or disc, trained with a softmax
// cross-entropy over the channels of each pixel. Prints loss, pixel accuracy and IoU per epoch, then the IoU of
// each class and one test image with its true and predicted labels.
using System;
using System.Diagnostics;
using DslNet;
using DslNet.Samples;
using SegmentationSample;

var options = SampleOptions.Parse(args, out int exitCode);
if (options is null) return exitCode;

const int classes = 3, size = ShapeImages.Size, pixels = ShapeImages.Pixels;
Dataset training = ShapeImages.Generate(options.TrainingCount, options.Seed);
Dataset test = ShapeImages.Generate(options.TestCount, options.Seed + 1);
Console.WriteLine($"Shapes: {training.Count} training and {test.Count} test images of 1×{size}×{size}, one or two squares or discs " +
    $"{ShapeImages.MinExtent}–{ShapeImages.MaxExtent} px across on noise σ {ShapeImages.Noise}; every pixel labelled {string.Join(", ", ShapeImages.ClassNames)}.");

INetwork network = options.Model == "unet" ? new ShapeUNet(seed: options.Seed) : new ShapeSegmenter(seed: options.Seed);
Console.WriteLine($"{network.GetType().Name}: {network.ParameterCount} parameters, output [{classes}, {size}, {size}] logits; Adam lr 0.005, batch 8, {options.Epochs} epochs.");
var trainer = new Trainer(network, new PixelSoftmaxCrossEntropyLoss(classes, size, size), new AdamOptimizer(0.005f),
    new TrainerOptions { Epochs = options.Epochs, BatchSize = 8, Seed = options.Seed });

var clock = Stopwatch.StartNew();
var history = TrainingConsole.Fit(trainer, training, test, new EpochLine(network, test).Format);
clock.Stop();

var score = SegmentationScore.Measure(network, test, classes, pixels);
Console.WriteLine($"Test pixel accuracy {score.PixelAccuracy:P2} (labelling everything background gives {score.BackgroundShare:P2}); " +
    $"mean IoU {score.MeanIoU:F3}. Training took {clock.Elapsed.TotalSeconds:F1} s.");
for (int c = 0; c < classes; c++) Console.WriteLine($"  IoU {ShapeImages.ClassNames[c],-10} {score.IoU[c]:F3}");

// A test image with both kinds of shape, and both label maps: '.' background, '#' square, 'o' disc.
int[] predicted = SegmentationScore.Predict(network, test, classes, pixels);
int shown = 0;
for (int i = 0; i < test.Count; i++)
{
    ReadOnlySpan<float> labels = test.Target(i);
    if (labels.Slice(ShapeImages.Square * pixels, pixels).Contains(1f) && labels.Slice(ShapeImages.Disc * pixels, pixels).Contains(1f))
    {
        shown = i;
        break;
    }
}
const string ramp = " .:-=+*#%@";
const string marks = ".#o";
Console.WriteLine();
Console.WriteLine($"Test image {shown}:");
Console.WriteLine($"{"image",-2 * size}  {"truth",-2 * size}  prediction");
for (int y = 0; y < size; y++)
{
    string image = "", truth = "", guess = "";
    for (int x = 0; x < size; x++)
    {
        int p = y * size + x;
        float value = Math.Clamp(test.Input(shown)[p], 0f, 0.999f);
        image += new string(ramp[(int)(value * ramp.Length)], 2);
        int label = 0;
        for (int c = 1; c < classes; c++) if (test.Target(shown)[c * pixels + p] > 0.5f) label = c;
        truth += marks[label] + " ";
        guess += marks[predicted[shown * pixels + p]] + " ";
    }
    Console.WriteLine($"{image}  {truth}  {guess}");
}
Console.WriteLine($"Chart: {TrainingCharts.SaveCurves(history, $"segmentation-{options.Model}", $"{network.GetType().Name} (pixel cross-entropy)")}");
return 0;

/// <summary>One line per epoch: the loss, and the test set's pixel accuracy and mean IoU.</summary>
internal sealed class EpochLine(INetwork network, Dataset test)
{
    public string Format(EpochReport r)
    {
        var score = SegmentationScore.Measure(network, test, ShapeImages.ClassNames.Length, ShapeImages.Pixels);
        return ($"epoch {r.Epoch,2}/{r.Epochs}  loss {r.TrainingLoss:F4}  test loss {r.ValidationLoss:F4}  " +
            $"test pixel accuracy {score.PixelAccuracy:P1}  mean IoU {score.MeanIoU:F3}  ({r.Elapsed.TotalMilliseconds:F0} ms)");
    }
}
