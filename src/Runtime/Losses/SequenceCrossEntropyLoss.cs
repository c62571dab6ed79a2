using System;
using System.Numerics.Tensors;

namespace DslNet;

/// <summary>
/// Softmax cross-entropy at every time step of a sequence output [batch, time, classes] (classes last), averaged over
/// the steps that have a target: a step whose target row is all zero is padding and counts for nothing, gradient
/// included, so sequences of different lengths train together. The gradient is the fused
/// <c>(softmax(z) − t) / steps</c> with respect to the pre-activation, as for <see cref="SoftmaxCrossEntropyLoss"/>.
/// </summary>
public sealed class SequenceCrossEntropyLoss : ILoss
{
    private readonly int _classes;

    /// <summary>A loss over <paramref name="classes"/> classes per step (the network's <c>StepOutputSize</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than two classes.</exception>
    public SequenceCrossEntropyLoss(int classes)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "Cross-entropy needs at least 2 classes per step.");
        _classes = classes;
    }

    /// <inheritdoc />
    public string Name => "SequenceCrossEntropy";

    /// <inheritdoc />
    public bool IsClassification => true;

    /// <summary>Classes per step: accuracy is counted per step with a target.</summary>
    public int Classes => _classes;

    /// <inheritdoc />
    public LossGradientTarget GradientTarget(Activation outputActivation) => outputActivation switch
    {
        Activation.Softmax or Activation.Linear => LossGradientTarget.PreActivation,
        _ => throw LossArguments.UnsupportedActivation(Name, outputActivation, "a Softmax output (probabilities) or a Linear output (logits)"),
    };

    /// <inheritdoc />
    /// <returns>The mean cross-entropy per step with a target, in nats (0 when no step has one).</returns>
    public float Compute(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> gradient, int batch, Activation outputActivation)
    {
        GradientTarget(outputActivation);
        int sampleSize = LossArguments.CheckShapes(Name, output.Length, target.Length, gradient.Length, batch);
        if (sampleSize % _classes != 0)
        {
            throw new ArgumentException($"{Name}: each sample's {sampleSize} outputs do not divide into steps of {_classes} classes.", nameof(output));
        }
        int rows = output.Length / _classes;
        bool logits = outputActivation == Activation.Linear;
        double sum = 0;
        int steps = 0;
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<float> y = output.Slice(row * _classes, _classes);
            ReadOnlySpan<float> t = target.Slice(row * _classes, _classes);
            Span<float> g = gradient.IsEmpty ? default : gradient.Slice(row * _classes, _classes);
            if (TensorPrimitives.MaxMagnitude(t) == 0f)
            {
                if (!gradient.IsEmpty) g.Clear(); // padding: no loss, no gradient
                continue;
            }
            steps++;
            sum += SoftmaxCrossEntropyRow.Compute(y, t, g, logits);
        }
        if (steps == 0) return 0f;
        if (!gradient.IsEmpty) TensorPrimitives.Multiply(gradient, 1f / steps, gradient);
        return (float)(sum / steps);
    }
}
