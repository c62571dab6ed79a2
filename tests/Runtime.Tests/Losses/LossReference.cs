using System;

namespace DslNet.Tests;

/// <summary>
/// Obviously correct double-precision versions of the activations and losses, written from the textbook
/// formulas, that the finite-difference checks differentiate.
/// </summary>
public static class LossReference
{
    public static ILoss Create(string loss) => loss switch
    {
        "MeanSquaredError" => new MeanSquaredErrorLoss(),
        "BinaryCrossEntropy" => new BinaryCrossEntropyLoss(),
        "SoftmaxCrossEntropy" => new SoftmaxCrossEntropyLoss(),
        _ => throw new ArgumentException($"Unknown loss {loss}.", nameof(loss)),
    };

    public static double[] Activate(double[] z, Activation activation, int batch)
    {
        int n = z.Length / batch;
        var y = new double[z.Length];
        for (int row = 0; row < batch; row++)
        {
            double max = double.NegativeInfinity;
            for (int j = 0; j < n; j++) max = Math.Max(max, z[row * n + j]);
            double sum = 0;
            for (int j = 0; j < n; j++) sum += Math.Exp(z[row * n + j] - max);
            for (int j = 0; j < n; j++)
            {
                double v = z[row * n + j];
                y[row * n + j] = activation switch
                {
                    Activation.Linear => v,
                    Activation.ReLU => Math.Max(v, 0),
                    Activation.Sigmoid => 1 / (1 + Math.Exp(-v)),
                    Activation.Tanh => Math.Tanh(v),
                    Activation.Softmax => Math.Exp(v - max) / sum,
                    _ => throw new ArgumentException($"Unknown activation {activation}."),
                };
            }
        }
        return y;
    }

    /// <summary>The loss of <paramref name="output"/> (what the activation produced) against <paramref name="target"/>.</summary>
    public static double Loss(string loss, Activation activation, double[] output, float[] target, int batch)
    {
        int n = output.Length / batch;
        double sum = 0;
        switch (loss)
        {
            case "MeanSquaredError":
                for (int i = 0; i < output.Length; i++) sum += (output[i] - target[i]) * (output[i] - target[i]);
                return sum / output.Length;
            case "BinaryCrossEntropy":
                for (int i = 0; i < output.Length; i++)
                {
                    double p = activation == Activation.Linear ? 1 / (1 + Math.Exp(-output[i])) : Math.Clamp(output[i], 1e-7, 1 - 1e-7);
                    sum -= target[i] * Math.Log(p) + (1 - target[i]) * Math.Log(1 - p);
                }
                return sum / output.Length;
            case "SoftmaxCrossEntropy":
                double[] p2 = activation == Activation.Linear ? Activate(output, Activation.Softmax, batch) : output;
                for (int i = 0; i < output.Length; i++) sum -= target[i] * Math.Log(Math.Max(p2[i], 1e-7));
                return sum / batch;
            default:
                throw new ArgumentException($"Unknown loss {loss}.", nameof(loss));
        }
    }

    public static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);

    public static float[] ToFloat(double[] values) => Array.ConvertAll(values, v => (float)v);
}
