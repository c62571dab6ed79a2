using System;
using Xunit;

namespace DslNet.Tests;

public sealed class BinaryCrossEntropyLossTests
{
    private readonly BinaryCrossEntropyLoss _loss = new();

    [Fact]
    public void MatchesAHandComputedCaseOnProbabilities()
    {
        // −(log 0.5 + log 0.2) / 2; fused gradient (p − t) / 2.
        float[] p = [0.5f, 0.8f];
        float[] t = [1f, 0f];
        var gradient = new float[2];

        float loss = _loss.Compute(p, t, gradient, batch: 1, Activation.Sigmoid);

        Assert.Equal((Math.Log(2) + Math.Log(5)) / 2, loss, tolerance: 1e-6);
        Assert.Equal(-0.25f, gradient[0], tolerance: 1e-7f);
        Assert.Equal(0.4f, gradient[1], tolerance: 1e-7f);
    }

    [Fact]
    public void MatchesAHandComputedCaseOnLogits()
    {
        // z = 0, t = 1: log 2.  z = 2, t = 0: 2 + log(1 + e^−2).  Gradient (σ(z) − t) / 2.
        float[] z = [0f, 2f];
        float[] t = [1f, 0f];
        var gradient = new float[2];

        float loss = _loss.Compute(z, t, gradient, batch: 2, Activation.Linear);

        Assert.Equal((Math.Log(2) + 2 + Math.Log(1 + Math.Exp(-2))) / 2, loss, tolerance: 1e-6);
        Assert.Equal(-0.25f, gradient[0], tolerance: 1e-7f);
        Assert.Equal(1 / (1 + Math.Exp(-2)) / 2, gradient[1], tolerance: 1e-7);
    }

    [Fact]
    public void ExtremeLogitsStayFinite()
    {
        float[] z = [100f, -100f, 100f];
        float[] t = [1f, 1f, 0f];
        var gradient = new float[3];

        float loss = _loss.Compute(z, t, gradient, batch: 1, Activation.Linear);

        // The two wrong answers cost 100 each; the right one e^−100, nothing.
        Assert.Equal(200f / 3, loss, tolerance: 1e-4f);
        Assert.Equal([0f, -1f / 3, 1f / 3], gradient);
    }

    [Fact]
    public void SaturatedProbabilitiesAreClampedInsideTheLog()
    {
        float loss = _loss.Compute([0f, 1f], [1f, 1f], Span<float>.Empty, batch: 1, Activation.Sigmoid);
        Assert.Equal(-Math.Log(1e-7) / 2, loss, tolerance: 1e-4);
    }

    [Fact]
    public void IsAClassificationLossWithAFusedGradient()
    {
        Assert.True(_loss.IsClassification);
        Assert.Equal(LossGradientTarget.PreActivation, _loss.GradientTarget(Activation.Sigmoid));
        Assert.Equal(LossGradientTarget.PreActivation, _loss.GradientTarget(Activation.Linear));
    }

    [Theory]
    [InlineData(Activation.Softmax)]
    [InlineData(Activation.ReLU)]
    [InlineData(Activation.Tanh)]
    public void OtherActivationsAreRejectedWithAHelpfulMessage(Activation activation)
    {
        var e = Assert.Throws<ArgumentException>(() => _loss.GradientTarget(activation));
        Assert.Contains("BinaryCrossEntropy", e.Message);
        Assert.Contains(activation.ToString(), e.Message);
        Assert.Contains("Sigmoid", e.Message);
        Assert.Contains("Linear", e.Message);
        Assert.Throws<ArgumentException>(() => _loss.Compute([0.5f], [1f], Span<float>.Empty, 1, activation));
    }

    [Fact]
    public void WrongLengthsNameTheSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => _loss.Compute(new float[4], new float[3], Span<float>.Empty, 4, Activation.Sigmoid));
        Assert.Contains("4 × 1 = 4", e.Message);
        Assert.Contains("got 3", e.Message);
        e = Assert.Throws<ArgumentException>(() => _loss.Compute(new float[4], new float[4], new float[8], 4, Activation.Sigmoid));
        Assert.Contains("got 8", e.Message);
    }
}
