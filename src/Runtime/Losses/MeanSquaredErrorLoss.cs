using System;
using System.Numerics.Tensors;

namespace DslNet;

/// <summary>
/// Mean squared error over every element of the batch, <c>mean((y − t)²)</c> (PyTorch's default
/// <c>reduction='mean'</c>), for regression heads with any output activation.
/// </summary>
public sealed class MeanSquaredErrorLoss : ILoss
{
    /// <inheritdoc />
    public string Name => "MeanSquaredError";

    /// <inheritdoc />
    public bool IsClassification => false;

    /// <inheritdoc />
    /// <remarks>Any activation fits: the gradient is with respect to the output.</remarks>
    public LossGradientTarget GradientTarget(Activation outputActivation) => LossGradientTarget.Output;

    /// <inheritdoc />
    /// <remarks>The gradient is <c>2(y − t) / (batch · outputSize)</c>.</remarks>
    public float Compute(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> gradient, int batch, Activation outputActivation)
    {
        LossArguments.CheckShapes(Name, output.Length, target.Length, gradient.Length, batch);
        float count = output.Length;
        if (gradient.IsEmpty)
        {
            // The Euclidean distance squared is the sum of squared differences without a scratch buffer.
            float distance = TensorPrimitives.Distance(output, target);
            return distance * distance / count;
        }
        TensorPrimitives.Subtract(output, target, gradient);
        float loss = TensorPrimitives.SumOfSquares(gradient) / count;
        TensorPrimitives.Multiply(gradient, 2f / count, gradient);
        return loss;
    }
}
