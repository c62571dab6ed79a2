using System;
using System.Numerics.Tensors;

namespace DslNet;

/// <summary>
/// Binary cross-entropy averaged over every element, for independent yes/no outputs with targets in [0, 1].
/// After a Sigmoid layer the output is read as probabilities; after a Linear layer as logits (like PyTorch's
/// <c>BCEWithLogitsLoss</c>, computed stably). Either way the gradient is the fused
/// <c>(σ(z) − t) / (batch · outputSize)</c> with respect to the pre-activation.
/// </summary>
public sealed class BinaryCrossEntropyLoss : ILoss
{
    // Keeps log finite for saturated probabilities, as Keras does.
    private const double Epsilon = 1e-7;

    /// <inheritdoc />
    public string Name => "BinaryCrossEntropy";

    /// <inheritdoc />
    public bool IsClassification => true;

    /// <inheritdoc />
    public LossGradientTarget GradientTarget(Activation outputActivation) => outputActivation switch
    {
        Activation.Sigmoid or Activation.Linear => LossGradientTarget.PreActivation,
        _ => throw LossArguments.UnsupportedActivation(Name, outputActivation, "a Sigmoid output (probabilities) or a Linear output (logits)"),
    };

    /// <inheritdoc />
    public float Compute(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> gradient, int batch, Activation outputActivation)
    {
        GradientTarget(outputActivation);
        LossArguments.CheckShapes(Name, output.Length, target.Length, gradient.Length, batch);
        double sum = 0;
        if (outputActivation == Activation.Sigmoid)
        {
            for (int i = 0; i < output.Length; i++)
            {
                double p = Math.Clamp((double)output[i], Epsilon, 1 - Epsilon);
                double t = target[i];
                sum -= t * Math.Log(p) + (1 - t) * Math.Log(1 - p);
            }
            if (!gradient.IsEmpty) TensorPrimitives.Subtract(output, target, gradient);
        }
        else
        {
            for (int i = 0; i < output.Length; i++)
            {
                // max(z, 0) − z·t + log(1 + e^−|z|): never exponentiates a large positive number.
                double z = output[i];
                sum += Math.Max(z, 0) - z * target[i] + Math.Log(1 + Math.Exp(-Math.Abs(z)));
            }
            if (!gradient.IsEmpty)
            {
                TensorPrimitives.Sigmoid(output, gradient);
                TensorPrimitives.Subtract(gradient, target, gradient);
            }
        }
        if (!gradient.IsEmpty) TensorPrimitives.Multiply(gradient, 1f / output.Length, gradient);
        return (float)(sum / output.Length);
    }
}
