// An autoencoder of two generated networks (AutoencoderNetworks.cs): the encoder squeezes an image into a small
// code, the decoder rebuilds it, and the runtime's AutoencoderTrainer trains both under the squared error. Prints the
// held-out reconstruction error per epoch and writes reconstructions and a latent interpolation as PNG files.
using System;
using System.Diagnostics;
using AutoencoderSample;
using DslNet;
using DslNet.Samples;

var options = GenerativeOptions.Parse(args, "Autoencoder", learningRate: 0.003f, epochs: "100 digits, 10 fashion", GenerativeExtra.None, out int exitCode);
if (options is null) return exitCode;
var images = SampleImages.Load(options);
if (images is null) return 1;

INetwork encoder = options.Fashion ? new FashionEncoder(options.Seed) : new DigitsEncoder(options.Seed);
INetwork decoder = options.Fashion ? new FashionDecoder(options.Seed + 1) : new DigitsDecoder(options.Seed + 1);
int epochs = options.Epochs ?? (options.Fashion ? 10 : 100);
var trainer = new AutoencoderTrainer(encoder, decoder, new AdamOptimizer(options.LearningRate), new AdamOptimizer(options.LearningRate),
    new MeanSquaredErrorLoss(), new GenerativeTrainerOptions { Epochs = epochs, BatchSize = options.BatchSize, Seed = options.Seed });
Console.WriteLine($"{images.Name}: {images.Training.Count} training and {images.Test.Count} held-out images of {images.Height}×{images.Width}.");
Console.WriteLine($"{encoder.GetType().Name} {encoder.InputSize} → {encoder.OutputSize} code, {decoder.GetType().Name} back to {decoder.OutputSize} sigmoid pixels; " +
    $"{encoder.ParameterCount + decoder.ParameterCount} parameters, Adam lr {options.LearningRate} each, batch {options.BatchSize}, {epochs} epochs.");
double baseline = MeanImageBaseline.Error(images.Training, images.Test);
Console.WriteLine($"Held-out MSE of always answering the mean training image: {baseline:F4} per pixel.");

var clock = Stopwatch.StartNew();
trainer.Fit(images.Training, images.Test, new Progress(r => Console.WriteLine(
    $"epoch {r.Epoch,3}/{r.Epochs}  training MSE {r.TrainingLoss:F4}  held-out MSE {r.ValidationLoss:F4}  ({r.Elapsed.TotalMilliseconds:F0} ms)")));
clock.Stop();
float error = trainer.Evaluate(images.Test);
Console.WriteLine($"Held-out reconstruction error {error:F4} per pixel ({error / baseline:P0} of the mean image's) after {clock.Elapsed.TotalSeconds:F1} s of training.");

images.SaveReconstructions(options.PicturePath("reconstructions.png"), trainer.Reconstruct);
images.SaveInterpolation(options.PicturePath("interpolation.png"), trainer.LatentSize, trainer.Encode, trainer.Decode);
Console.WriteLine($"Wrote reconstructions.png (rows: originals, then their reconstructions) and interpolation.png (codes walked from one image to another) to {options.OutputFolder}.");
return 0;

/// <summary>Prints each epoch's report as it arrives.</summary>
internal sealed class Progress(Action<AutoencoderEpochReport> print) : IProgress<AutoencoderEpochReport>
{
    public void Report(AutoencoderEpochReport value) => print(value);
}
