using System;
using System.Numerics.Tensors;

namespace DslNet;

/// <summary>
/// Categorical cross-entropy <c>−Σ t·log p</c> per sample, averaged over the batch, for targets that are
/// one-hot (or probability) rows over at least two classes. After a Softmax layer the output is read as
/// probabilities; after a Linear layer as logits, through a stable log-softmax (like PyTorch's
/// <c>CrossEntropyLoss</c>). Either way the gradient is the fused <c>(softmax(z) − t) / batch</c> with
/// respect to the pre-activation.
/// </summary>
public sealed class SoftmaxCrossEntropyLoss : ILoss
{
    // Keeps log finite for a class the network rules out entirely.
    private const double Epsilon = 1e-7;

    /// <inheritdoc />
    public string Name => "SoftmaxCrossEntropy";

    /// <inheritdoc />
    public bool IsClassification => true;

    /// <inheritdoc />
    public LossGradientTarget GradientTarget(Activation outputActivation) => outputActivation switch
    {
        Activation.Softmax or Activation.Linear => LossGradientTarget.PreActivation,
        _ => throw LossArguments.UnsupportedActivation(Name, outputActivation, "a Softmax output (probabilities) or a Linear output (logits)"),
    };

    /// <inheritdoc />
    /// <remarks>
    /// For a target row that does not sum to one the gradient is the exact <c>softmax(z)·Σt − t</c>, which is
    /// <c>softmax(z) − t</c> for one-hot and probability rows.
    /// </remarks>
    public float Compute(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> gradient, int batch, Activation outputActivation)
    {
        GradientTarget(outputActivation);
        int classes = LossArguments.CheckShapes(Name, output.Length, target.Length, gradient.Length, batch);
        if (classes < 2)
        {
            throw new ArgumentException(
                $"{Name}: needs at least 2 classes per sample, got {classes} (for one yes/no output use {nameof(BinaryCrossEntropyLoss)}).",
                nameof(output));
        }
        bool logits = outputActivation == Activation.Linear;
        double sum = 0;
        for (int row = 0; row < batch; row++)
        {
            ReadOnlySpan<float> y = output.Slice(row * classes, classes);
            ReadOnlySpan<float> t = target.Slice(row * classes, classes);
            // Logits are shifted by their max m before exponentiating: no overflow.
            float max = logits ? TensorPrimitives.Max(y) : 0f;
            if (logits)
            {
                // −log softmax(z)_c = (m + log Σ e^(z − m)) − z_c.
                double exponentials = 0;
                for (int c = 0; c < classes; c++) exponentials += Math.Exp((double)y[c] - max);
                double logSumExp = max + Math.Log(exponentials);
                for (int c = 0; c < classes; c++) sum += t[c] * (logSumExp - y[c]);
            }
            else
            {
                for (int c = 0; c < classes; c++) sum -= t[c] * Math.Log(Math.Max(y[c], Epsilon));
            }
            if (!gradient.IsEmpty)
            {
                Span<float> g = gradient.Slice(row * classes, classes);
                if (logits)
                {
                    // Not TensorPrimitives.SoftMax: it skips the max shift, so a logit above ~88 gives ∞/∞ = NaN.
                    TensorPrimitives.Subtract(y, max, g);
                    TensorPrimitives.Exp(g, g);
                    TensorPrimitives.Divide(g, TensorPrimitives.Sum(g), g);
                }
                else
                {
                    y.CopyTo(g);
                }
                float targetMass = TensorPrimitives.Sum(t);
                // p·Σt − t; the multiply is skipped for the usual rows that sum to one.
                if (targetMass != 1f) TensorPrimitives.Multiply(g, targetMass, g);
                TensorPrimitives.Subtract(g, t, g);
            }
        }
        if (!gradient.IsEmpty) TensorPrimitives.Multiply(gradient, 1f / batch, gradient);
        return (float)(sum / batch);
    }
}
