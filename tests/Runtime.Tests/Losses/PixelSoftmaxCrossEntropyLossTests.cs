using System;
using Xunit;

namespace DslNet.Tests;

public sealed class PixelSoftmaxCrossEntropyLossTests
{
    // Odd sizes so a mix-up of height, width and channels cannot go unnoticed.
    private const int Batch = 2, Classes = 3, Height = 3, Width = 5;
    private const int Pixels = Height * Width, OutputSize = Classes * Pixels;

    private readonly PixelSoftmaxCrossEntropyLoss _loss = new(Classes, Height, Width);

    [Fact]
    public void GradientMatchesFiniteDifferencesOfTheDoublePrecisionReference()
    {
        float[] target = OneHotPixels(seed: 1);
        float[] output = TestData.Uniform(Batch * OutputSize, -3, 3, seed: 2);
        var gradient = new float[output.Length];

        float value = _loss.Compute(output, target, gradient, Batch, Activation.Linear);

        double expected = Reference(LossReference.ToDouble(output), target);
        Assert.Equal(expected, value, tolerance: 1e-6 * Math.Max(1, expected));
        const double h = 1e-6;
        for (int k = 0; k < output.Length; k++)
        {
            double[] plus = LossReference.ToDouble(output), minus = LossReference.ToDouble(output);
            plus[k] += h;
            minus[k] -= h;
            double numeric = (Reference(plus, target) - Reference(minus, target)) / (2 * h);
            Assert.True(Math.Abs(gradient[k] - numeric) <= 1e-6 + 1e-4 * Math.Abs(numeric),
                $"element {k}: analytic {gradient[k]}, numeric {numeric}.");
        }
    }

    [Fact]
    public void GradientMatchesFiniteDifferencesOfTheImplementationItself()
    {
        // Probability targets, and the float implementation differentiated through its gradient-free path.
        float[] target = ProbabilityPixels(seed: 3);
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
    public void EqualsSoftmaxCrossEntropyOverPixelsTransposedIntoRows()
    {
        // NCHW → one row of class logits per pixel: the per-pixel loss is the ordinary loss over B·H·W samples.
        float[] target = OneHotPixels(seed: 5);
        float[] output = TestData.Uniform(Batch * OutputSize, -4, 4, seed: 6);
        var gradient = new float[output.Length];
        float value = _loss.Compute(output, target, gradient, Batch, Activation.Linear);

        float[] rows = ToRows(output), targetRows = ToRows(target);
        var rowGradient = new float[rows.Length];
        float expected = new SoftmaxCrossEntropyLoss().Compute(rows, targetRows, rowGradient, Batch * Pixels, Activation.Linear);

        Assert.Equal(expected, value, tolerance: 1e-5f);
        float[] transposedBack = FromRows(rowGradient);
        for (int k = 0; k < output.Length; k++) Assert.Equal(transposedBack[k], gradient[k], tolerance: 1e-7f);
    }

    [Fact]
    public void MatchesAHandComputedPixel()
    {
        // One sample, two classes, a 1×2 image: logits (0, ln 3) at pixel 0 and (2, 2) at pixel 1.
        var loss = new PixelSoftmaxCrossEntropyLoss(2, 1, 2);
        float ln3 = MathF.Log(3);
        float[] z = [0f, 2f, ln3, 2f];
        float[] t = [0f, 1f, 1f, 0f];
        var gradient = new float[4];

        float value = loss.Compute(z, t, gradient, batch: 1, Activation.Linear);

        // Pixel 0: p = (¼, ¾), class 1 → −log ¾. Pixel 1: p = (½, ½), class 0 → log 2. Mean over 2 pixels.
        Assert.Equal((-Math.Log(0.75) + Math.Log(2)) / 2, value, tolerance: 1e-6);
        float[] expected = [0.125f, -0.25f, -0.125f, 0.25f];
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], gradient[i], tolerance: 1e-7f);
    }

    [Fact]
    public void AnUnlabelledPixelAddsNothing()
    {
        var loss = new PixelSoftmaxCrossEntropyLoss(2, 1, 2);
        var gradient = new float[4];
        float value = loss.Compute([1f, 5f, -1f, -7f], [1f, 0f, 0f, 0f], gradient, batch: 1, Activation.Linear);
        // Pixel 1 has no label; pixel 0 is class 0 with logits (1, −1); both pixels count in the mean.
        Assert.Equal(Math.Log(1 + Math.Exp(-2)) / 2, value, tolerance: 1e-6);
        Assert.Equal(0f, gradient[1]);
        Assert.Equal(0f, gradient[3]);
    }

    [Fact]
    public void ExtremeLogitsStayFinite()
    {
        var loss = new PixelSoftmaxCrossEntropyLoss(2, 1, 1);
        var gradient = new float[4];
        float value = loss.Compute([1000f, -1000f, 0f, 0f], [0f, 1f, 1f, 0f], gradient, batch: 2, Activation.Linear);
        // Sample 0 bets everything on the wrong class by a margin of 1000; sample 1 is even.
        Assert.Equal((2000 + Math.Log(2)) / 2, value, tolerance: 1e-3);
        Assert.Equal([0.5f, -0.5f, -0.25f, 0.25f], gradient);
    }

    [Fact]
    public void SkippingTheGradientGivesTheSameLoss()
    {
        float[] target = OneHotPixels(seed: 7);
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
        Assert.Equal((Classes, Height, Width), (_loss.Classes, _loss.Height, _loss.Width));
    }

    [Theory]
    [InlineData(Activation.Softmax)]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.ReLU)]
    [InlineData(Activation.Tanh)]
    public void OtherActivationsAreRejectedWithWhatItNeeds(Activation activation)
    {
        var e = Assert.Throws<ArgumentException>(() => _loss.GradientTarget(activation));
        Assert.Contains("PixelSoftmaxCrossEntropy", e.Message);
        Assert.Contains(activation.ToString(), e.Message);
        Assert.Contains("Linear output", e.Message);
        Assert.Contains("1×1 Conv2D", e.Message);
        Assert.Throws<ArgumentException>(() => _loss.Compute(new float[OutputSize], new float[OutputSize], Span<float>.Empty, 1, activation));
    }

    [Fact]
    public void AnOutputOfTheWrongShapeNamesTheExpectedOne()
    {
        var e = Assert.Throws<ArgumentException>(() => _loss.Compute(new float[2 * 40], new float[2 * 40], Span<float>.Empty, 2, Activation.Linear));
        Assert.Contains("[3, 3, 5] = 45", e.Message);
        Assert.Contains("got 40", e.Message);
    }

    [Fact]
    public void WrongLengthsNameTheSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => _loss.Compute(new float[90], new float[45], Span<float>.Empty, 2, Activation.Linear));
        Assert.Contains("2 × 45 = 90", e.Message);
        Assert.Contains("got 45", e.Message);
    }

    [Fact]
    public void TheConstructorRejectsImpossibleShapes()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PixelSoftmaxCrossEntropyLoss(1, 4, 4));
        Assert.Contains("at least 2 classes", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PixelSoftmaxCrossEntropyLoss(2, 0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PixelSoftmaxCrossEntropyLoss(2, 4, 0));
    }

    /// <summary>The textbook formula on NCHW logits: mean over pixels of −Σ t·log(e^z / Σe^z), in doubles.</summary>
    private static double Reference(double[] z, float[] t)
    {
        double sum = 0;
        for (int b = 0; b < Batch; b++)
        {
            for (int p = 0; p < Pixels; p++)
            {
                double denominator = 0;
                for (int c = 0; c < Classes; c++) denominator += Math.Exp(z[At(b, c, p)]);
                for (int c = 0; c < Classes; c++) sum -= t[At(b, c, p)] * Math.Log(Math.Exp(z[At(b, c, p)]) / denominator);
            }
        }
        return sum / (Batch * Pixels);
    }

    private static int At(int sample, int channel, int pixel) => sample * OutputSize + channel * Pixels + pixel;

    private static float[] OneHotPixels(int seed)
    {
        var random = new FastRandom(seed);
        var t = new float[Batch * OutputSize];
        for (int b = 0; b < Batch; b++)
        {
            for (int p = 0; p < Pixels; p++) t[At(b, random.NextInt(Classes), p)] = 1f;
        }
        return t;
    }

    private static float[] ProbabilityPixels(int seed) => FromRows(TestData.ProbabilityRows(Batch * Pixels, Classes, seed));

    private static float[] ToRows(float[] nchw)
    {
        var rows = new float[nchw.Length];
        for (int b = 0; b < Batch; b++)
        {
            for (int p = 0; p < Pixels; p++)
            {
                for (int c = 0; c < Classes; c++) rows[(b * Pixels + p) * Classes + c] = nchw[At(b, c, p)];
            }
        }
        return rows;
    }

    private static float[] FromRows(float[] rows)
    {
        var nchw = new float[rows.Length];
        for (int b = 0; b < Batch; b++)
        {
            for (int p = 0; p < Pixels; p++)
            {
                for (int c = 0; c < Classes; c++) nchw[At(b, c, p)] = rows[(b * Pixels + p) * Classes + c];
            }
        }
        return nchw;
    }
}
