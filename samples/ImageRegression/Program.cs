// A regression head: DiscRadiusCnn (DiscRadiusCnn.cs) reads a noisy 1×16×16 image holding one disc and predicts
// its radius in pixels, trained with mean squared error. Prints the loss per epoch, then the test set's mean
// absolute error next to that of always predicting the training mean.
using System;
using System.Diagnostics;
using DslNet;
using DslNet.Samples;
using ImageRegressionSample;

var options = SampleOptions.Parse(args, out int exitCode);
if (options is null) return exitCode;

// Training and test images come from different seeds, so the test measures images the network never saw.
Dataset training = DiscImages.Generate(options.TrainingCount, options.Seed);
Dataset test = DiscImages.Generate(options.TestCount, options.Seed + 1);
Console.WriteLine($"Discs: {training.Count} training and {test.Count} test images of 1×{DiscImages.Size}×{DiscImages.Size}, " +
    $"radius {DiscImages.MinRadius}–{DiscImages.MaxRadius} px, noise σ {DiscImages.Noise}.");

var network = new DiscRadiusCnn(seed: options.Seed);
Console.WriteLine($"DiscRadiusCnn: {DiscRadiusCnn.ParameterCount} parameters; Adam lr 0.003, batch 8, {options.Epochs} epochs.");
var trainer = new Trainer(network, new MeanSquaredErrorLoss(), new AdamOptimizer(0.003f),
    new TrainerOptions { Epochs = options.Epochs, BatchSize = 8, Seed = options.Seed });

var clock = Stopwatch.StartNew();
// One line per epoch: the mean squared error in px², training and test.
var history = TrainingConsole.Fit(trainer, training, test, r =>
    $"epoch {r.Epoch,2}/{r.Epochs}  loss {r.TrainingLoss:F4}  test loss {r.ValidationLoss:F4}  ({r.Elapsed.TotalMilliseconds:F0} ms)");
clock.Stop();

var score = RadiusError.Measure(network, training, test);
Console.WriteLine($"Test mean absolute error {score.MeanAbsoluteError:F3} px; always predicting the training mean ({score.TrainingMean:F2} px) " +
    $"gives {score.MeanPredictorError:F3} px ({score.MeanPredictorError / score.MeanAbsoluteError:F1}× worse). Training took {clock.Elapsed.TotalSeconds:F1} s.");
Console.WriteLine($"Chart: {TrainingCharts.SaveCurves(history, "image-regression", "Disc radius CNN (MSE, px²)")}");
return 0;
