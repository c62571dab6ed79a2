using System;
using Xunit;

namespace DslNet.Tests;

public sealed class MeanSquaredErrorLossTests
{
    private readonly MeanSquaredErrorLoss _loss = new();

    [Fact]
    public void MatchesAHandComputedBatch()
    {
        // Differences 1, 0, −2, 0: squares sum to 5 over 4 elements; gradient 2·d/4.
        float[] output = [1, 2, 3, 4];
        float[] target = [0, 2, 5, 4];
        var gradient = new float[4];

        float loss = _loss.Compute(output, target, gradient, batch: 2, Activation.Linear);

        Assert.Equal(1.25f, loss);
        Assert.Equal([0.5f, 0f, -1f, 0f], gradient);
    }

    [Fact]
    public void IsARegressionLossThatFitsEveryActivationThroughTheOutput()
    {
        Assert.False(_loss.IsClassification);
        Assert.Equal("MeanSquaredError", _loss.Name);
        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            Assert.Equal(LossGradientTarget.Output, _loss.GradientTarget(activation));
        }
    }

    [Fact]
    public void WrongTargetLengthNamesBothSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => _loss.Compute(new float[6], new float[4], Span<float>.Empty, 2, Activation.Linear));
        Assert.Equal("target", e.ParamName);
        Assert.Contains("2 × 3 = 6", e.Message);
        Assert.Contains("got 4", e.Message);
        Assert.Contains("MeanSquaredError", e.Message);
    }

    [Fact]
    public void WrongGradientLengthNamesBothSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => _loss.Compute(new float[6], new float[6], new float[5], 2, Activation.Linear));
        Assert.Equal("gradient", e.ParamName);
        Assert.Contains("6", e.Message);
        Assert.Contains("got 5", e.Message);
    }

    [Fact]
    public void OutputThatDoesNotDivideIntoTheBatchIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => _loss.Compute(new float[7], new float[7], Span<float>.Empty, 2, Activation.Linear));
        Assert.Contains("7 floats for batch 2", e.Message);
        Assert.Throws<ArgumentException>(() => _loss.Compute(new float[4], new float[4], Span<float>.Empty, 0, Activation.Linear));
        Assert.Throws<ArgumentException>(() => _loss.Compute([], [], Span<float>.Empty, 1, Activation.Linear));
    }
}
