using System;
using Xunit;

namespace DslNet.Tests;

public sealed class ClassAndBoxLossTests
{
    private const int Batch = 3, Classes = 3, OutputSize = Classes + 4;
    private const float Lambda = 2.5f;

    private readonly ClassAndBoxLoss _loss = new(Classes, Lambda);

    [Fact]
    public void GradientMatchesFiniteDifferencesOfTheDoublePrecisionReference()
    {
        float[] target = Targets(seed: 1, probabilities: false);
        float[] output = TestData.Uniform(Batch * OutputSize, -2, 2, seed: 2);
        var gradient = new float[output.Length];

        float value = _loss.Compute(output, target, gradient, Batch, Activation.Linear);

        double expected = Reference(LossReference.ToDouble(output), target, Lambda);
        Assert.Equal(expected, value, tolerance: 1e-6 * Math.Max(1, expected));
        const double h = 1e-6;
        for (int k = 0; k < output.Length; k++)
        {
            double[] plus = LossReference.ToDouble(output), minus = LossReference.ToDouble(output);
            plus[k] += h;
            minus[k] -= h;
            double numeric = (Reference(plus, target, Lambda) - Reference(minus, target, Lambda)) / (2 * h);
            Assert.True(Math.Abs(gradient[k] - numeric) <= 1e-6 + 1e-4 * Math.Abs(numeric),
                $"element {k}: analytic {gradient[k]}, numeric {numeric}.");
        }
    }

    [Fact]
    public void GradientMatchesFiniteDifferencesOfTheImplementationItself()
    {
        float[] target = Targets(seed: 3, probabilities: true);
        float[] output = TestData.Uniform(Batch * OutputSize, -2, 2, seed: 4);
        var gradient = new float[output.Length];
        _loss.Compute(output, target, gradient, Batch, Activation.Linear);

        const float h = 1e-2f;
        for (int k = 0; k < output.Length; k++)
        {
            float[] plus = (float[])output.Clone(), minus = (float[])output.Clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric = ((double)_loss.Compute(plus, target, Span<float>.Empty, Batch, Activation.Linear)
                - _loss.Compute(minus, target, Span<float>.Empty, Batch, Activation.Linear)) / (2 * h);
            Assert.True(Math.Abs(gradient[k] - numeric) <= 1e-4 + 1e-3 * Math.Abs(numeric),
                $"element {k}: analytic {gradient[k]}, numeric {numeric}.");
        }
    }

    [Fact]
    public void IsSoftmaxCrossEntropyOnTheLogitsPlusWeightedMeanSquaredErrorOnTheBox()
    {
        float[] target = Targets(seed: 5, probabilities: false);
        float[] output = TestData.Uniform(Batch * OutputSize, -3, 3, seed: 6);
        var gradient = new float[output.Length];
        float value = _loss.Compute(output, target, gradient, Batch, Activation.Linear);

        float[] logits = Columns(output, 0, Classes), classTargets = Columns(target, 0, Classes);
        float[] box = Columns(output, Classes, 4), boxTargets = Columns(target, Classes, 4);
        var classGradient = new float[logits.Length];
        var boxGradient = new float[box.Length];
        float classLoss = new SoftmaxCrossEntropyLoss().Compute(logits, classTargets, classGradient, Batch, Activation.Linear);
        // MeanSquaredError averages over batch · 4, this loss over the batch of per-sample means: the same.
        float boxLoss = new MeanSquaredErrorLoss().Compute(box, boxTargets, boxGradient, Batch, Activation.Linear);

        Assert.Equal(classLoss + Lambda * boxLoss, value, tolerance: 1e-5f);
        for (int b = 0; b < Batch; b++)
        {
            for (int c = 0; c < Classes; c++) Assert.Equal(classGradient[b * Classes + c], gradient[b * OutputSize + c], tolerance: 1e-7f);
            for (int j = 0; j < 4; j++) Assert.Equal(Lambda * boxGradient[b * 4 + j], gradient[b * OutputSize + Classes + j], tolerance: 1e-6f);
        }
    }

    [Fact]
    public void MatchesAHandComputedSample()
    {
        var loss = new ClassAndBoxLoss(2, boxWeight: 4f);
        // Logits (0, ln 3) → p = (¼, ¾), class 1; box off by (0.1, 0, −0.2, 0).
        float[] z = [0f, MathF.Log(3), 0.6f, 0.5f, 0.2f, 0.3f];
        float[] t = [0f, 1f, 0.5f, 0.5f, 0.4f, 0.3f];
        var gradient = new float[6];

        float value = loss.Compute(z, t, gradient, batch: 1, Activation.Linear);

        // −log ¾ + 4 · (0.01 + 0.04) / 4; box gradient 4 · 2 (b − t) / 4.
        Assert.Equal(-Math.Log(0.75) + 0.05, value, tolerance: 1e-6);
        float[] expected = [0.25f, -0.25f, 0.2f, 0f, -0.4f, 0f];
        for (int i = 0; i < 6; i++) Assert.Equal(expected[i], gradient[i], tolerance: 1e-6f);
    }

    [Fact]
    public void ABoxWeightOfZeroLeavesTheBoxOutOfLossAndGradient()
    {
        var loss = new ClassAndBoxLoss(2, boxWeight: 0f);
        var gradient = new float[6];
        float value = loss.Compute([0f, 0f, 9f, 9f, 9f, 9f], [1f, 0f, 0f, 0f, 0f, 0f], gradient, batch: 1, Activation.Linear);
        Assert.Equal(Math.Log(2), value, tolerance: 1e-6);
        Assert.Equal([-0.5f, 0.5f, 0f, 0f, 0f, 0f], gradient);
    }

    [Fact]
    public void ExtremeLogitsStayFinite()
    {
        var loss = new ClassAndBoxLoss(2);
        var gradient = new float[6];
        float value = loss.Compute([-1000f, 1000f, 0f, 0f, 0f, 0f], [1f, 0f, 0f, 0f, 0f, 0f], gradient, batch: 1, Activation.Linear);
        Assert.Equal(2000f, value, tolerance: 1e-3f);
        Assert.Equal([-1f, 1f, 0f, 0f, 0f, 0f], gradient);
    }

    [Fact]
    public void SkippingTheGradientGivesTheSameLoss()
    {
        float[] target = Targets(seed: 7, probabilities: false);
        float[] output = TestData.Uniform(Batch * OutputSize, -3, 3, seed: 8);
        float with = _loss.Compute(output, target, new float[output.Length], Batch, Activation.Linear);
        float without = _loss.Compute(output, target, Span<float>.Empty, Batch, Activation.Linear);
        Assert.Equal(with, without);
    }

    [Fact]
    public void IsNotTheTrainersClassificationAndFeedsBackwardFromTheOutput()
    {
        Assert.False(_loss.IsClassification);
        Assert.Equal(LossGradientTarget.Output, _loss.GradientTarget(Activation.Linear));
        Assert.Equal(Classes, _loss.Classes);
        Assert.Equal(Lambda, _loss.BoxWeight);
        Assert.Equal(1f, new ClassAndBoxLoss(2).BoxWeight);
    }

    [Theory]
    [InlineData(Activation.Softmax)]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.ReLU)]
    [InlineData(Activation.Tanh)]
    public void OtherActivationsAreRejectedWithWhatItNeeds(Activation activation)
    {
        var e = Assert.Throws<ArgumentException>(() => _loss.GradientTarget(activation));
        Assert.Contains("ClassAndBox", e.Message);
        Assert.Contains(activation.ToString(), e.Message);
        Assert.Contains("Linear output", e.Message);
        Assert.Throws<ArgumentException>(() => _loss.Compute(new float[OutputSize], new float[OutputSize], Span<float>.Empty, 1, activation));
    }

    [Fact]
    public void AnOutputOfTheWrongSizeNamesTheExpectedOne()
    {
        var e = Assert.Throws<ArgumentException>(() => _loss.Compute(new float[12], new float[12], Span<float>.Empty, 2, Activation.Linear));
        Assert.Contains("3 + 4 = 7", e.Message);
        Assert.Contains("got 6", e.Message);
    }

    [Fact]
    public void TheConstructorRejectsImpossibleSettings()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ClassAndBoxLoss(1));
        Assert.Contains("at least 2 classes", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassAndBoxLoss(2, -1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassAndBoxLoss(2, float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassAndBoxLoss(2, float.PositiveInfinity));
    }

    /// <summary>The textbook formula in doubles: mean over samples of −Σ t·log(e^z / Σe^z) + λ·¼·Σ (b − t)².</summary>
    private static double Reference(double[] output, float[] target, double lambda)
    {
        double sum = 0;
        for (int b = 0; b < Batch; b++)
        {
            int s = b * OutputSize;
            double denominator = 0;
            for (int c = 0; c < Classes; c++) denominator += Math.Exp(output[s + c]);
            for (int c = 0; c < Classes; c++) sum -= target[s + c] * Math.Log(Math.Exp(output[s + c]) / denominator);
            for (int j = Classes; j < OutputSize; j++) sum += lambda * (output[s + j] - target[s + j]) * (output[s + j] - target[s + j]) / 4;
        }
        return sum / Batch;
    }

    /// <summary>One-hot or probability classes followed by a box of four numbers in [0, 1].</summary>
    private static float[] Targets(int seed, bool probabilities)
    {
        float[] classes = probabilities ? TestData.ProbabilityRows(Batch, Classes, seed) : TestData.OneHot(Batch, Classes, seed);
        float[] boxes = TestData.Uniform(Batch * 4, 0, 1, seed + 100);
        var t = new float[Batch * OutputSize];
        for (int b = 0; b < Batch; b++)
        {
            classes.AsSpan(b * Classes, Classes).CopyTo(t.AsSpan(b * OutputSize));
            boxes.AsSpan(b * 4, 4).CopyTo(t.AsSpan(b * OutputSize + Classes));
        }
        return t;
    }

    private static float[] Columns(float[] rows, int first, int count)
    {
        var columns = new float[Batch * count];
        for (int b = 0; b < Batch; b++) rows.AsSpan(b * OutputSize + first, count).CopyTo(columns.AsSpan(b * count));
        return columns;
    }
}
