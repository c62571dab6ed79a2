using System;
using Xunit;

namespace DslNet.Tests;

public sealed class SequenceCrossEntropyLossTests
{
    private const int Batch = 2, Steps = 3, Classes = 4;

    [Theory]
    [InlineData(Activation.Softmax)]
    [InlineData(Activation.Linear)]
    public void Without_padding_it_is_softmax_cross_entropy_over_every_step(Activation activation)
    {
        double[] z = TestData.UniformDouble(Batch * Steps * Classes, -2, 2, seed: 1);
        float[] output = LossReference.ToFloat(LossReference.Activate(z, activation, Batch * Steps));
        float[] target = TestData.OneHot(Batch * Steps, Classes, seed: 2);
        var expectedGradient = new float[output.Length];
        var gradient = new float[output.Length];

        float expected = new SoftmaxCrossEntropyLoss().Compute(output, target, expectedGradient, Batch * Steps, activation);
        float actual = new SequenceCrossEntropyLoss(Classes).Compute(output, target, gradient, Batch, activation);

        Assert.Equal(expected, actual, 5);
        for (int i = 0; i < gradient.Length; i++) Assert.Equal(expectedGradient[i], gradient[i], 6);
    }

    [Fact]
    public void Padding_steps_count_for_nothing_and_get_no_gradient()
    {
        double[] z = TestData.UniformDouble(Batch * Steps * Classes, -2, 2, seed: 3);
        float[] logits = LossReference.ToFloat(z);
        float[] target = TestData.OneHot(Batch * Steps, Classes, seed: 4);
        // The second sample is one step long: its steps 1 and 2 are padding.
        Array.Clear(target, (Steps + 1) * Classes, 2 * Classes);
        var gradient = new float[logits.Length];

        float loss = new SequenceCrossEntropyLoss(Classes).Compute(logits, target, gradient, Batch, Activation.Linear);

        // The mean over the four real steps, each as a one-row softmax cross-entropy.
        double sum = 0;
        foreach (int row in new[] { 0, 1, 2, 3 })
        {
            sum += new SoftmaxCrossEntropyLoss().Compute(logits.AsSpan(row * Classes, Classes), target.AsSpan(row * Classes, Classes), Span<float>.Empty, 1, Activation.Linear);
        }
        Assert.Equal(sum / 4, loss, 5);
        Assert.All(gradient.AsSpan((Steps + 1) * Classes, 2 * Classes).ToArray(), g => Assert.Equal(0f, g));

        // Central differences of the loss with respect to each logit.
        const float h = 1e-2f;
        var probe = (float[])logits.Clone();
        for (int k = 0; k < probe.Length; k++)
        {
            probe[k] = logits[k] + h;
            double plus = new SequenceCrossEntropyLoss(Classes).Compute(probe, target, Span<float>.Empty, Batch, Activation.Linear);
            probe[k] = logits[k] - h;
            double minus = new SequenceCrossEntropyLoss(Classes).Compute(probe, target, Span<float>.Empty, Batch, Activation.Linear);
            probe[k] = logits[k];
            Assert.True(Math.Abs((plus - minus) / (2 * h) - gradient[k]) < 1e-3, $"logit {k}: analytic {gradient[k]}, numeric {(plus - minus) / (2 * h)}");
        }
    }

    [Fact]
    public void Outputs_that_do_not_divide_into_steps_and_too_few_classes_are_refused()
    {
        var loss = new SequenceCrossEntropyLoss(4);
        var error = Assert.Throws<ArgumentException>(() => loss.Compute(new float[10], new float[10], Span<float>.Empty, 2, Activation.Softmax));
        Assert.Contains("5 outputs do not divide into steps of 4 classes", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SequenceCrossEntropyLoss(1));
        Assert.Throws<ArgumentException>(() => loss.GradientTarget(Activation.Sigmoid));
    }
}
