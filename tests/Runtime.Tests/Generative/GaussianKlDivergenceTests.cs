using System;
using Xunit;

namespace DslNet.Tests;

/// <summary>KL(N(μ, σ²) ‖ N(0, I)) in closed form: its value against a double-precision sum, and its gradient against finite differences.</summary>
public sealed class GaussianKlDivergenceTests
{
    private const int Batch = 3;
    private const int Latent = 4;

    [Fact]
    public void Is_zero_at_the_prior_and_positive_elsewhere()
    {
        var zeros = new float[Batch * Latent];
        Assert.Equal(0f, GaussianKlDivergence.Compute(zeros, zeros, [], [], Batch));

        float[] mean = TestData.Uniform(Batch * Latent, -2, 2, seed: 5);
        float[] logVariance = TestData.Uniform(Batch * Latent, -2, 2, seed: 6);
        Assert.True(GaussianKlDivergence.Compute(mean, logVariance, [], [], Batch) > 0);
    }

    [Fact]
    public void Value_is_the_closed_form_summed_over_units_and_averaged_over_the_batch()
    {
        double[] mean = TestData.UniformDouble(Batch * Latent, -2, 2, seed: 7);
        double[] logVariance = TestData.UniformDouble(Batch * Latent, -3, 2, seed: 8);

        float value = GaussianKlDivergence.Compute(ReparameterizationTests.ToFloat(mean), ReparameterizationTests.ToFloat(logVariance), [], [], Batch);

        double expected = Reference(mean, logVariance);
        Assert.Equal(expected, value, 1e-5 * Math.Max(1, expected));
        // One unit by hand: μ = 1, σ² = e gives ½(e + 1 − 1 − 1) = ½(e − 1).
        Assert.Equal(0.5 * (Math.E - 1), GaussianKlDivergence.Compute([1f], [1f], [], [], 1), 1e-6);
    }

    [Fact]
    public void Gradient_matches_central_finite_differences_times_the_scale()
    {
        const float beta = 0.7f;
        double[] mean = TestData.UniformDouble(Batch * Latent, -2, 2, seed: 9);
        double[] logVariance = TestData.UniformDouble(Batch * Latent, -3, 2, seed: 10);
        var meanGradient = new float[mean.Length];
        var logVarianceGradient = new float[mean.Length];
        Array.Fill(meanGradient, 1f); // the gradient is added to what is there

        GaussianKlDivergence.Compute(ReparameterizationTests.ToFloat(mean), ReparameterizationTests.ToFloat(logVariance), meanGradient, logVarianceGradient, Batch, beta);

        const double h = 1e-5;
        for (int i = 0; i < mean.Length; i++)
        {
            double dMean = beta * ReparameterizationTests.Central(i, mean, m => Reference(m, logVariance), h);
            double dLogVariance = beta * ReparameterizationTests.Central(i, logVariance, v => Reference(mean, v), h);
            Assert.Equal(dMean + 1, meanGradient[i], ReparameterizationTests.Tolerance(dMean));
            Assert.Equal(dLogVariance, logVarianceGradient[i], ReparameterizationTests.Tolerance(dLogVariance));
        }
    }

    [Fact]
    public void Lengths_that_do_not_fit_the_batch_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => GaussianKlDivergence.Compute(new float[5], new float[5], [], [], 2));
        Assert.Throws<ArgumentException>(() => GaussianKlDivergence.Compute(new float[4], new float[4], new float[4], new float[3], 2));
    }

    // −½ Σ (1 + v − μ² − e^v) per sample, averaged over the batch, in double precision.
    private static double Reference(double[] mean, double[] logVariance)
    {
        double sum = 0;
        for (int i = 0; i < mean.Length; i++) sum += -0.5 * (1 + logVariance[i] - mean[i] * mean[i] - Math.Exp(logVariance[i]));
        return sum / Batch;
    }
}
