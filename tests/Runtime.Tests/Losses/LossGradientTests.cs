using System;
using Xunit;

namespace DslNet.Tests;

/// <summary>Every loss, with every activation it supports, against central finite differences.</summary>
public sealed class LossGradientTests
{
    private const int Batch = 3;
    private const int Outputs = 4;

    public static TheoryData<string, Activation> SupportedPairs => new()
    {
        { "MeanSquaredError", Activation.Linear },
        { "MeanSquaredError", Activation.ReLU },
        { "MeanSquaredError", Activation.Sigmoid },
        { "MeanSquaredError", Activation.Tanh },
        { "MeanSquaredError", Activation.Softmax },
        { "BinaryCrossEntropy", Activation.Sigmoid },
        { "BinaryCrossEntropy", Activation.Linear },
        { "SoftmaxCrossEntropy", Activation.Softmax },
        { "SoftmaxCrossEntropy", Activation.Linear },
    };

    [Theory]
    [MemberData(nameof(SupportedPairs))]
    public void GradientMatchesFiniteDifferencesOfTheDoublePrecisionLoss(string lossName, Activation activation)
    {
        ILoss loss = LossReference.Create(lossName);
        float[] target = Targets(lossName, seed: 11);
        double[] z = TestData.UniformDouble(Batch * Outputs, -2, 2, seed: 12);
        float[] output = LossReference.ToFloat(LossReference.Activate(z, activation, Batch));
        var gradient = new float[output.Length];

        float value = loss.Compute(output, target, gradient, Batch, activation);

        double expected = LossReference.Loss(lossName, activation, LossReference.ToDouble(output), target, Batch);
        Assert.Equal(expected, value, tolerance: 1e-6 * Math.Max(1, Math.Abs(expected)));

        const double h = 1e-6;
        LossGradientTarget gradientTarget = loss.GradientTarget(activation);
        for (int k = 0; k < output.Length; k++)
        {
            double numeric;
            if (gradientTarget == LossGradientTarget.Output)
            {
                // d loss / d output, at the very output the loss saw.
                double[] plus = LossReference.ToDouble(output), minus = LossReference.ToDouble(output);
                plus[k] += h;
                minus[k] -= h;
                numeric = (LossReference.Loss(lossName, activation, plus, target, Batch) - LossReference.Loss(lossName, activation, minus, target, Batch)) / (2 * h);
            }
            else
            {
                // d loss / d pre-activation, through the activation: what the fused gradient claims to be.
                double[] plus = (double[])z.Clone(), minus = (double[])z.Clone();
                plus[k] += h;
                minus[k] -= h;
                numeric = (LossReference.Loss(lossName, activation, LossReference.Activate(plus, activation, Batch), target, Batch)
                    - LossReference.Loss(lossName, activation, LossReference.Activate(minus, activation, Batch), target, Batch)) / (2 * h);
            }
            Assert.True(Math.Abs(gradient[k] - numeric) <= 2e-6 + 1e-4 * Math.Abs(numeric),
                $"{lossName} after {activation}, element {k}: analytic {gradient[k]}, numeric {numeric}.");
        }
    }

    [Theory]
    [MemberData(nameof(SupportedPairs))]
    public void GradientMatchesFiniteDifferencesOfTheImplementationItself(string lossName, Activation activation)
    {
        // The same check on the float implementation (gradient skipped, so it also covers that path).
        ILoss loss = LossReference.Create(lossName);
        float[] target = Targets(lossName, seed: 21);
        double[] z = TestData.UniformDouble(Batch * Outputs, -2, 2, seed: 22);
        bool fused = loss.GradientTarget(activation) == LossGradientTarget.PreActivation;
        double[] point = fused ? z : LossReference.Activate(z, activation, Batch);
        var gradient = new float[z.Length];
        loss.Compute(Output(point), target, gradient, Batch, activation);

        const double h = 1e-2;
        for (int k = 0; k < point.Length; k++)
        {
            double[] plus = (double[])point.Clone(), minus = (double[])point.Clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric = (loss.Compute(Output(plus), target, Span<float>.Empty, Batch, activation)
                - (double)loss.Compute(Output(minus), target, Span<float>.Empty, Batch, activation)) / (2 * h);
            Assert.True(Math.Abs(gradient[k] - numeric) <= 1e-4 + 1e-3 * Math.Abs(numeric),
                $"{lossName} after {activation}, element {k}: analytic {gradient[k]}, numeric {numeric}.");
        }

        float[] Output(double[] at) => LossReference.ToFloat(fused ? LossReference.Activate(at, activation, Batch) : at);
    }

    [Theory]
    [MemberData(nameof(SupportedPairs))]
    public void SkippingTheGradientGivesTheSameLoss(string lossName, Activation activation)
    {
        ILoss loss = LossReference.Create(lossName);
        float[] target = Targets(lossName, seed: 31);
        float[] output = LossReference.ToFloat(LossReference.Activate(TestData.UniformDouble(Batch * Outputs, -3, 3, seed: 32), activation, Batch));
        float with = loss.Compute(output, target, new float[output.Length], Batch, activation);
        float without = loss.Compute(output, target, Span<float>.Empty, Batch, activation);
        Assert.Equal(with, without, tolerance: 1e-6f * Math.Max(1, Math.Abs(with)));
    }

    [Fact]
    public void GradientsCoverLongRowsPastTheVectorWidth()
    {
        // 37 outputs: full vectors and a tail in every TensorPrimitives call.
        const int batch = 2, outputs = 37;
        double[] z = TestData.UniformDouble(batch * outputs, -3, 3, seed: 41);
        float[] target = TestData.ProbabilityRows(batch, outputs, seed: 42);
        var gradient = new float[z.Length];
        new SoftmaxCrossEntropyLoss().Compute(LossReference.ToFloat(z), target, gradient, batch, Activation.Linear);
        double[] p = LossReference.Activate(z, Activation.Softmax, batch);
        for (int k = 0; k < z.Length; k++) Assert.Equal((p[k] - target[k]) / batch, gradient[k], tolerance: 1e-6);
    }

    private static float[] Targets(string lossName, int seed) => lossName switch
    {
        "MeanSquaredError" => TestData.Uniform(Batch * Outputs, -1, 1, seed),
        "BinaryCrossEntropy" => TestData.Uniform(Batch * Outputs, 0, 1, seed),
        _ => TestData.ProbabilityRows(Batch, Outputs, seed),
    };
}
