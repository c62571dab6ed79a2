// A GAN of two generated networks (GanNetworks.cs): a generator turns noise into images, a discriminator tells them from
// real ones, and the runtime's GanTrainer alternates their steps (non-saturating generator loss, Adam for each).
// Prints both losses and the mean D(x), D(G(z)) per epoch and writes the samples of one fixed noise batch as PNG files.
using System;
using System.Diagnostics;
using DslNet;
using DslNet.Samples;
using GanSample;

var options = GenerativeOptions.Parse(args, "Gan", learningRate: 0.0005f, epochs: "150 digits, 10 fashion", GenerativeExtra.Every, out int exitCode);
if (options is null) return exitCode;
var images = SampleImages.Load(options);
if (images is null) return 1;

INetwork generator = options.Fashion ? new FashionGenerator(options.Seed) : new DigitsGenerator(options.Seed);
INetwork discriminator = options.Fashion ? new FashionDiscriminator(options.Seed + 1) : new DigitsDiscriminator(options.Seed + 1);
int epochs = options.Epochs ?? (options.Fashion ? 10 : 150);
int every = options.Every > 0 ? options.Every : options.Fashion ? 1 : 10;
// β₁ = 0.5, as DCGAN found: momentum that remembers less copes better with a moving opponent.
var trainer = new GanTrainer(generator, discriminator,
    new AdamOptimizer(options.LearningRate, beta1: 0.5f), new AdamOptimizer(options.LearningRate, beta1: 0.5f),
    new GanOptions { Epochs = epochs, BatchSize = options.BatchSize, Seed = options.Seed });
Console.WriteLine($"{images.Name}: {images.Training.Count} training images of {images.Height}×{images.Width}.");
Console.WriteLine($"{generator.GetType().Name} {generator.InputSize} noise → {generator.OutputSize} pixels, {generator.ParameterCount} parameters; " +
    $"{discriminator.GetType().Name} → 1 logit, {discriminator.ParameterCount} parameters; Adam lr {options.LearningRate} β₁ 0.5 each, batch {options.BatchSize}, {epochs} epochs.");
Console.WriteLine("D loss = −log D(x) − log(1 − D(G(z))) (2 ln 2 ≈ 1.386 when D cannot tell); G loss = −log D(G(z)); D(x), D(G(z)) are mean probabilities of \"real\".");

// One fixed noise batch, so the pictures show the same 100 samples improving.
var noise = new float[100 * trainer.NoiseSize];
Reparameterization.DrawNoise(new FastRandom(options.Seed), noise);
var samples = new float[100 * trainer.SampleSize];
void SaveSamples(string name)
{
    trainer.Generate(noise, samples, 100);
    var grid = images.Grid(10);
    grid.AddRange(samples);
    grid.Save(options.PicturePath(name));
}

var clock = Stopwatch.StartNew();
trainer.Fit(images.Training, new Progress(r =>
{
    Console.WriteLine($"epoch {r.Epoch,3}/{r.Epochs}  D loss {r.DiscriminatorLoss:F3}  G loss {r.GeneratorLoss:F3}  D(x) {r.RealScore:F3}  D(G(z)) {r.FakeScore:F3}  ({r.Elapsed.TotalMilliseconds:F0} ms)");
    if (r.Epoch % every == 0 || r.Epoch == r.Epochs) SaveSamples($"samples-epoch-{r.Epoch:D3}.png");
}));
clock.Stop();
SaveSamples("samples.png");
Console.WriteLine($"Trained in {clock.Elapsed.TotalSeconds:F1} s. Wrote samples-epoch-NNN.png every {every} epochs and samples.png (the last) to {options.OutputFolder}.");
return 0;

/// <summary>Prints each epoch's report as it arrives.</summary>
internal sealed class Progress(Action<GanEpochReport> print) : IProgress<GanEpochReport>
{
    public void Report(GanEpochReport value) => print(value);
}
