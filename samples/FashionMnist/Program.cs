// Trains the bench's W2 CNN (bench/README.md) (FashionCnn.cs), or a larger one, on Fashion-MNIST with the A2 recipe:
// 10 epochs, Adam 1e-3, batch 64, pixels scaled to [0, 1]. Prints loss, accuracy and time per epoch,
// then the test accuracy and a confusion matrix.
using System;
using System.IO;
using DslNet;
using DslNet.Samples;
using FashionMnistSample;

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

INetwork network = options.Config == "large" ? new FashionCnnLarge(options.Seed, options.BatchSize) : new FashionCnn(options.Seed, options.BatchSize);
Console.WriteLine($"{network.GetType().Name}: {network.ParameterCount} parameters; Adam lr {options.LearningRate}, batch {options.BatchSize}, {options.Epochs} epochs{(options.Augment ? ", augmented" : "")}{(options.Threads > 1 ? $", {options.Threads} threads" : "")}.");

// More threads split each batch's rows between replicas of the network that share its parameters.
using var parallel = options.Threads > 1 ? new DataParallelNetwork(network, options.Threads) : null;
var trainer = new Trainer((INetwork?)parallel ?? network, new SoftmaxCrossEntropyLoss(), new AdamOptimizer(options.LearningRate), new TrainerOptions
{
    Epochs = options.Epochs,
    BatchSize = options.BatchSize,
    Seed = options.Seed,
    // Fashion items are mostly left-right symmetric and centred: flips and small shifts keep them real.
    Augmentation = options.Augment ? new ImageAugmentation(1, 28, 28, new RandomHorizontalFlip(), new RandomShift(2)) : null,
});

FashionTraining.FitAndReport(trainer, network, training, test, "fashion-mnist", $"Fashion-MNIST {network.GetType().Name}");
return 0;
