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
            sum += SoftmaxCrossEntropyRow.Compute(
                output.Slice(row * classes, classes),
                target.Slice(row * classes, classes),
                gradient.IsEmpty ? Span<float>.Empty : gradient.Slice(row * classes, classes),
                logits);
        }
        if (!gradient.IsEmpty) TensorPrimitives.Multiply(gradient, 1f / batch, gradient);
        return (float)(sum / batch);
    }
}
