using System;
using System.Numerics.Tensors;

namespace DslNet;

/// <summary>
/// Softmax cross-entropy of one row of classes, shared by the per-sample and the per-step losses: the loss
/// <c>−Σ t·log p</c> from probabilities or (through a stable log-softmax) from logits, and the fused gradient with
/// respect to the pre-activation, <c>softmax(z)·Σt − t</c>, unscaled.
/// </summary>
internal static class SoftmaxCrossEntropyRow
{
    // Keeps log finite for a class the network rules out entirely.
    private const double Epsilon = 1e-7;

    /// <summary>The row's loss; writes its gradient into <paramref name="gradient"/> unless that is empty.</summary>
    public static double Compute(ReadOnlySpan<float> y, ReadOnlySpan<float> t, Span<float> gradient, bool logits)
    {
        int classes = y.Length;
        double loss = 0;
        // Logits are shifted by their max m before exponentiating: no overflow.
        float max = logits ? TensorPrimitives.Max(y) : 0f;
        if (logits)
        {
            // −log softmax(z)_c = (m + log Σ e^(z − m)) − z_c.
            double exponentials = 0;
            for (int c = 0; c < classes; c++) exponentials += Math.Exp((double)y[c] - max);
            double logSumExp = max + Math.Log(exponentials);
            for (int c = 0; c < classes; c++) loss += t[c] * (logSumExp - y[c]);
        }
        else
        {
            for (int c = 0; c < classes; c++) loss -= t[c] * Math.Log(Math.Max(y[c], Epsilon));
        }
        if (gradient.IsEmpty) return loss;
        if (logits)
        {
            // Not TensorPrimitives.SoftMax: it skips the max shift, so a logit above ~88 gives ∞/∞ = NaN.
            TensorPrimitives.Subtract(y, max, gradient);
            TensorPrimitives.Exp(gradient, gradient);
            TensorPrimitives.Divide(gradient, TensorPrimitives.Sum(gradient), gradient);
        }
        else
        {
            y.CopyTo(gradient);
        }
        float targetMass = TensorPrimitives.Sum(t);
        // p·Σt − t; the multiply is skipped for the usual rows that sum to one.
        if (targetMass != 1f) TensorPrimitives.Multiply(gradient, targetMass, gradient);
        TensorPrimitives.Subtract(gradient, t, gradient);
        return loss;
    }
}
