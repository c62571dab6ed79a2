using System;
using Xunit;

namespace DslNet.Tests;

public sealed class SoftmaxCrossEntropyLossTests
{
    private readonly SoftmaxCrossEntropyLoss _loss = new();

    [Fact]
    public void MatchesAHandComputedCaseOnProbabilities()
    {
        float[] p = [0.7f, 0.2f, 0.1f, 0.1f, 0.1f, 0.8f];
        float[] t = [1f, 0f, 0f, 0f, 0f, 1f];
        var gradient = new float[6];

        float loss = _loss.Compute(p, t, gradient, batch: 2, Activation.Softmax);

        // −(log 0.7 + log 0.8) / 2; fused gradient (p − t) / 2.
        Assert.Equal(-(Math.Log(0.7) + Math.Log(0.8)) / 2, loss, tolerance: 1e-6);
        float[] expected = [-0.15f, 0.1f, 0.05f, 0.05f, 0.05f, -0.1f];
        for (int i = 0; i < 6; i++) Assert.Equal(expected[i], gradient[i], tolerance: 1e-7f);
    }

    [Fact]
    public void MatchesAHandComputedCaseOnLogits()
    {
        float[] z = [1f, 2f, 3f];
        float[] t = [0f, 0f, 1f];
        var gradient = new float[3];

        float loss = _loss.Compute(z, t, gradient, batch: 1, Activation.Linear);

        double sum = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Assert.Equal(Math.Log(sum) - 3, loss, tolerance: 1e-6);
        Assert.Equal(Math.Exp(1) / sum, gradient[0], tolerance: 1e-7);
        Assert.Equal(Math.Exp(2) / sum, gradient[1], tolerance: 1e-7);
        Assert.Equal(Math.Exp(3) / sum - 1, gradient[2], tolerance: 1e-7);
    }

    [Fact]
    public void ExtremeLogitsStayFinite()
    {
        var gradient = new float[4];
        float loss = _loss.Compute([1000f, 0f, -1000f, 0f], [0f, 1f, 1f, 0f], gradient, batch: 2, Activation.Linear);
        // Each sample puts its whole mass on the wrong class by a margin of 1000.
        Assert.Equal(1000f, loss, tolerance: 1e-3f);
        Assert.Equal([0.5f, -0.5f, -0.5f, 0.5f], gradient);
    }

    [Fact]
    public void ZeroProbabilityIsClampedInsideTheLog()
    {
        float loss = _loss.Compute([1f, 0f], [0f, 1f], Span<float>.Empty, batch: 1, Activation.Softmax);
        Assert.Equal(-Math.Log(1e-7), loss, tolerance: 1e-4);
    }

    [Fact]
    public void IsAClassificationLossWithAFusedGradient()
    {
        Assert.True(_loss.IsClassification);
        Assert.Equal(LossGradientTarget.PreActivation, _loss.GradientTarget(Activation.Softmax));
        Assert.Equal(LossGradientTarget.PreActivation, _loss.GradientTarget(Activation.Linear));
    }

    [Theory]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.ReLU)]
    [InlineData(Activation.Tanh)]
    public void OtherActivationsAreRejectedWithAHelpfulMessage(Activation activation)
    {
        var e = Assert.Throws<ArgumentException>(() => _loss.GradientTarget(activation));
        Assert.Contains("SoftmaxCrossEntropy", e.Message);
        Assert.Contains(activation.ToString(), e.Message);
        Assert.Contains("Softmax output", e.Message);
        Assert.Contains("Linear output", e.Message);
        Assert.Throws<ArgumentException>(() => _loss.Compute([0.5f, 0.5f], [1f, 0f], Span<float>.Empty, 1, activation));
    }

    [Fact]
    public void ASingleClassIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => _loss.Compute([0.5f, 0.5f], [1f, 0f], Span<float>.Empty, 2, Activation.Linear));
        Assert.Contains("at least 2 classes", e.Message);
        Assert.Contains("got 1", e.Message);
        Assert.Contains(nameof(BinaryCrossEntropyLoss), e.Message);
    }

    [Fact]
    public void WrongLengthsNameTheSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => _loss.Compute(new float[6], new float[9], Span<float>.Empty, 2, Activation.Softmax));
        Assert.Contains("2 × 3 = 6", e.Message);
        Assert.Contains("got 9", e.Message);
    }
}
