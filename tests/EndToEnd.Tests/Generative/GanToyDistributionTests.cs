using System;
using Xunit;
using Xunit.Abstractions;

namespace DslNet.EndToEnd.Tests.Generative;

/// <summary>A GAN of two generated networks learns a one-dimensional mixture of two Gaussians: its samples match the data's mean and spread.</summary>
public sealed class GanToyDistributionTests(ITestOutputHelper output)
{
    // Two modes at ±2 with σ = 0.5: mean 0, standard deviation √(2² + 0.5²) ≈ 2.06. A generator that found one
    // mode only would have a standard deviation near 0.5 and a mean near ±2, and fail.
    private const double ModeDistance = 2, ModeDeviation = 0.5;

    [Fact]
    public void Generated_samples_have_the_mixtures_mean_and_spread()
    {
        Dataset data = Mixture(4000, seed: 1);
        var trainer = new GanTrainer(new ToyGenerator(seed: 2), new ToyDiscriminator(seed: 3),
            new AdamOptimizer(0.002f, beta1: 0.5f), new AdamOptimizer(0.002f, beta1: 0.5f),
            new GanOptions { Epochs = 30, BatchSize = 64, Seed = 4 });

        var reports = trainer.Fit(data);

        var samples = new float[5000];
        trainer.Generate(new FastRandom(5), samples, samples.Length);
        var (mean, deviation) = Moments(samples);
        var (dataMean, dataDeviation) = Moments(Inputs(data));
        var last = reports[^1];
        output.WriteLine($"data mean {dataMean:F3} sd {dataDeviation:F3}; generated mean {mean:F3} sd {deviation:F3}; " +
            $"last epoch D loss {last.DiscriminatorLoss:F3}, G loss {last.GeneratorLoss:F3}, D(x) {last.RealScore:F3}, D(G(z)) {last.FakeScore:F3}");
        Assert.All(reports, r => Assert.True(float.IsFinite(r.DiscriminatorLoss) && float.IsFinite(r.GeneratorLoss)));
        Assert.InRange(mean, dataMean - 0.25, dataMean + 0.25);
        Assert.InRange(deviation, dataDeviation * 0.85, dataDeviation * 1.15);
        // Near the game's equilibrium the discriminator cannot tell: both scores near ½.
        Assert.InRange(last.RealScore, 0.3, 0.7);
        Assert.InRange(last.FakeScore, 0.3, 0.7);
    }

    private static Dataset Mixture(int count, int seed)
    {
        var random = new FastRandom(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            double centre = random.NextFloat() < 0.5f ? -ModeDistance : ModeDistance;
            values[i] = (float)(centre + ModeDeviation * random.NextGaussian());
        }
        return new Dataset(values, new float[count], count);
    }

    private static float[] Inputs(Dataset data)
    {
        var values = new float[data.Count];
        for (int i = 0; i < data.Count; i++) values[i] = data.Input(i)[0];
        return values;
    }

    private static (double Mean, double Deviation) Moments(float[] values)
    {
        double mean = 0;
        foreach (float value in values) mean += value;
        mean /= values.Length;
        double square = 0;
        foreach (float value in values) square += (value - mean) * (value - mean);
        return (mean, Math.Sqrt(square / values.Length));
    }
}
