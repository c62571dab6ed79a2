// A variational autoencoder of two generated networks (VaeNetworks.cs): the encoder gives the mean and log-variance of
// a Gaussian over the latent code, a sample z = μ + σ·ε goes through the decoder, and the runtime's VaeTrainer
// minimises reconstruction + β·KL. Prints the ELBO per epoch and writes reconstructions, samples from the prior and a
// latent interpolation as PNG files.
using System;
using System.Diagnostics;
using DslNet;
using DslNet.Samples;
using VaeSample;

var options = GenerativeOptions.Parse(args, "Vae", learningRate: 0.002f, epochs: "60 digits, 10 fashion", GenerativeExtra.Beta, out int exitCode);
if (options is null) return exitCode;
var images = SampleImages.Load(options);
if (images is null) return 1;

INetwork encoder = options.Fashion ? new FashionVaeEncoder(options.Seed) : new DigitsVaeEncoder(options.Seed);
INetwork decoder = options.Fashion ? new FashionVaeDecoder(options.Seed + 1) : new DigitsVaeDecoder(options.Seed + 1);
int epochs = options.Epochs ?? (options.Fashion ? 10 : 60);
var trainer = new VaeTrainer(encoder, decoder, new AdamOptimizer(options.LearningRate), new AdamOptimizer(options.LearningRate),
    new BinaryCrossEntropyLoss(), new VaeOptions { Epochs = epochs, BatchSize = options.BatchSize, Seed = options.Seed, Beta = options.Beta });
Console.WriteLine($"{images.Name}: {images.Training.Count} training and {images.Test.Count} held-out images of {images.Height}×{images.Width}.");
Console.WriteLine($"{encoder.GetType().Name} {encoder.InputSize} → μ, log σ² of {trainer.LatentSize} latent units; {decoder.GetType().Name} back to {decoder.OutputSize} sigmoid pixels; " +
    $"{encoder.ParameterCount + decoder.ParameterCount} parameters, Adam lr {options.LearningRate} each, batch {options.BatchSize}, β {options.Beta}, {epochs} epochs.");
Console.WriteLine("Per image: reconstruction = binary cross-entropy summed over the pixels, KL to N(0, I) summed over the latent units, ELBO = −(reconstruction + KL).");

var clock = Stopwatch.StartNew();
trainer.Fit(images.Training, images.Test, new Progress(r => Console.WriteLine(
    $"epoch {r.Epoch,3}/{r.Epochs}  training: reconstruction {r.Training.Reconstruction:F2}  KL {r.Training.Kl:F2}  ELBO {r.Training.Elbo:F2}   " +
    $"held-out ELBO {r.Validation!.Elbo:F2}  ({r.Elapsed.TotalMilliseconds:F0} ms)")));
clock.Stop();
var final = trainer.Evaluate(images.Test);
Console.WriteLine($"Held-out ELBO {final.Elbo:F2} per image (reconstruction {final.Reconstruction:F2}, KL {final.Kl:F2}) after {clock.Elapsed.TotalSeconds:F1} s of training.");

images.SaveReconstructions(options.PicturePath("reconstructions.png"), trainer.Reconstruct);
var samples = new float[100 * images.Height * images.Width];
trainer.SamplePrior(new FastRandom(options.Seed), samples, 100);
var grid = images.Grid(10);
grid.AddRange(samples);
grid.Save(options.PicturePath("prior-samples.png"));
images.SaveInterpolation(options.PicturePath("interpolation.png"), trainer.LatentSize,
    (input, mean, batch) => trainer.Encode(input, mean, new float[mean.Length], batch), trainer.Decode);
Console.WriteLine($"Wrote reconstructions.png (originals, then decoded means), prior-samples.png (z ~ N(0, I) decoded) and interpolation.png to {options.OutputFolder}.");
return 0;

/// <summary>Prints each epoch's report as it arrives.</summary>
internal sealed class Progress(Action<VaeEpochReport> print) : IProgress<VaeEpochReport>
{
    public void Report(VaeEpochReport value) => print(value);
}
