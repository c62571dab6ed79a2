// Trains a small residual network with batch normalisation (FashionResNet.cs) on Fashion-MNIST: AdamW with a cosine
// schedule, batch 128, light augmentation (flips and shifts of up to 2 px). Prints loss, accuracy and time per epoch,
// then the test accuracy and a confusion matrix, and writes the curves and the matrix as PNG charts.
using System;
using DslNet;
using DslNet.Samples;
using ResNetSample;

var options = SampleOptions.Parse(args, out int exitCode);
if (options is null) return exitCode;

// FashionMnist.Load's message for missing files already says what to install or pass: no hint of our own.
if (!SampleData.TryLoad("Fashion-MNIST", options.DataFolder ?? FashionMnist.DefaultFolder, "", () => FashionMnist.Load(options.DataFolder), out var data)) return 1;
var (training, test) = data;
if (options.Limit > 0 && options.Limit < training.Count)
{
    (training, _) = training.Split((double)options.Limit / training.Count, options.Seed);
}
Console.WriteLine($"Fashion-MNIST: {training.Count} training and {test.Count} test images of 1×28×28, 10 classes.");

var network = new FashionResNet(options.Seed, options.BatchSize);
int threads = Math.Min(options.Threads, options.BatchSize);
Console.WriteLine($"FashionResNet: {FashionResNet.ParameterCount} parameters; AdamW lr {options.LearningRate} (cosine), weight decay {options.WeightDecay}, " +
    $"batch {options.BatchSize}, {options.Epochs} epochs{(options.Augment ? ", augmented" : "")}, {threads} thread{(threads > 1 ? "s" : "")}.");

// More threads split each batch's rows between replicas of the network that share its parameters; batch
// normalisation then takes its statistics over each replica's rows, as PyTorch's DataParallel does.
using var parallel = threads > 1 ? new DataParallelNetwork(network, threads) : null;
int stepsPerEpoch = (training.Count + options.BatchSize - 1) / options.BatchSize;
var optimizer = new ScheduledOptimizer(
    new AdamWOptimizer(options.LearningRate, weightDecay: options.WeightDecay),
    new CosineAnnealingSchedule(options.LearningRate, options.Epochs * stepsPerEpoch, options.LearningRate / 50));
var trainer = new Trainer((INetwork?)parallel ?? network, new SoftmaxCrossEntropyLoss(), optimizer, new TrainerOptions
{
    Epochs = options.Epochs,
    BatchSize = options.BatchSize,
    Seed = options.Seed,
    // Fashion items are mostly left-right symmetric and centred: flips and small shifts keep them real.
    Augmentation = options.Augment ? new ImageAugmentation(1, 28, 28, new RandomHorizontalFlip(), new RandomShift(2)) : null,
});

FashionTraining.FitAndReport(trainer, network, training, test, "resnet", "Fashion-MNIST FashionResNet");
return 0;
