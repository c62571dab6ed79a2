using System;
using System.Linq;
using VaeSample;
using Xunit;
using Xunit.Abstractions;

namespace DslNet.EndToEnd.Tests.Generative;

/// <summary>A VAE of two generated networks on the digits: the ELBO rises, the KL stays finite, prior samples look like the data's pixels.</summary>
public sealed class VaeLearningTests(ITestOutputHelper output)
{
    [Fact]
    public void Elbo_rises_kl_is_finite_and_prior_samples_lie_in_the_datas_pixel_range()
    {
        var (training, test) = DigitImages.Load();
        var trainer = new VaeTrainer(new DigitsVaeEncoder(seed: 1), new DigitsVaeDecoder(seed: 2),
            new AdamOptimizer(0.003f), new AdamOptimizer(0.003f), new BinaryCrossEntropyLoss(),
            new VaeOptions { Epochs = 20, BatchSize = 32, Seed = 3, Beta = 1f });

        var reports = trainer.Fit(training, test);

        var first = reports[0].Validation!;
        var last = reports[^1].Validation!;
        output.WriteLine($"held-out ELBO {first.Elbo:F2} → {last.Elbo:F2} (reconstruction {last.Reconstruction:F2}, KL {last.Kl:F2})");
        Assert.All(reports, r => Assert.True(float.IsFinite(r.Training.Kl) && r.Training.Kl >= 0, $"epoch {r.Epoch} KL {r.Training.Kl}"));
        Assert.True(float.IsFinite(last.Kl) && last.Kl > 0.5f, $"held-out KL {last.Kl}: the latent code carries information");
        Assert.True(last.Elbo > first.Elbo + 2, $"held-out ELBO {first.Elbo} → {last.Elbo}");

        const int count = 200;
        var samples = new float[count * training.InputSize];
        trainer.SamplePrior(new FastRandom(4), samples, count);
        var (dataLow, dataHigh, dataMean) = Range(Enumerable.Range(0, test.Count).SelectMany(i => test.Input(i).ToArray()));
        var (low, high, mean) = Range(samples);
        output.WriteLine($"pixels: data [{dataLow}, {dataHigh}] mean {dataMean:F3}; prior samples [{low:F3}, {high:F3}] mean {mean:F3}");
        Assert.True(low >= dataLow && high <= dataHigh, $"prior samples span [{low}, {high}], outside the data's [{dataLow}, {dataHigh}]");
        // Not a blank or saturated picture: the samples use the range and have the data's ink on average.
        Assert.True(high - low > 0.8f * (dataHigh - dataLow), $"prior samples span only [{low}, {high}]");
        Assert.InRange(mean, dataMean - 0.08, dataMean + 0.08);
    }

    private static (float Low, float High, double Mean) Range(System.Collections.Generic.IEnumerable<float> values)
    {
        float low = float.MaxValue, high = float.MinValue;
        double sum = 0;
        long count = 0;
        foreach (float value in values)
        {
            low = Math.Min(low, value);
            high = Math.Max(high, value);
            sum += value;
            count++;
        }
        return (low, high, sum / count);
    }
}
