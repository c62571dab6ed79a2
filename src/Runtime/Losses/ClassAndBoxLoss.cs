using System;

namespace DslNet;

/// <summary>
/// The loss of a single-object localisation head: each sample's output is <c>classes + 4</c> linear numbers, the
/// class logits followed by a box (by convention the centre x, centre y, width and height, each divided by the image
/// size). Per sample the loss is the softmax cross-entropy of the logits plus <see cref="BoxWeight"/> times the mean
/// squared error of the four box numbers, <c>−Σ_c t_c·log softmax(z)_c + λ·¼·Σ_j (b_j − t_j)²</c>, averaged over the
/// batch. Targets have the same layout: a one-hot (or probability) class vector, then the true box.
/// </summary>
/// <remarks>
/// The gradient with respect to the output is <c>(softmax(z) − t) / batch</c> on the logits and
/// <c>λ·(b − t) / (2·batch)</c> on the box. The trainer's accuracy (one arg-max over the whole output) would mix the
/// box into the classes, so <see cref="IsClassification"/> is false; take the arg-max of the first
/// <see cref="Classes"/> outputs and the IoU of the boxes instead.
/// </remarks>
public sealed class ClassAndBoxLoss : ILoss
{
    /// <summary>The box numbers after the class logits: x, y, width, height.</summary>
    public const int BoxSize = 4;

    /// <summary>Creates the loss for outputs of <c>classes + 4</c> numbers per sample.</summary>
    /// <param name="classes">The number of class logits before the box, at least 2.</param>
    /// <param name="boxWeight">λ, the weight of the box's mean squared error against the cross-entropy; finite and not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than two classes, or a negative or non-finite box weight.</exception>
    public ClassAndBoxLoss(int classes, float boxWeight = 1f)
    {
        if (classes < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes,
                $"ClassAndBox needs at least 2 classes, got {classes} (a box alone is plain regression: use {nameof(MeanSquaredErrorLoss)}).");
        }
        if (!(boxWeight >= 0) || !float.IsFinite(boxWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(boxWeight), boxWeight, $"ClassAndBox needs a finite box weight of at least 0, got {boxWeight}.");
        }
        Classes = classes;
        BoxWeight = boxWeight;
    }

    /// <summary>The number of class logits at the start of each output.</summary>
    public int Classes { get; }

    /// <summary>λ, the weight of the box term.</summary>
    public float BoxWeight { get; }

    /// <inheritdoc />
    public string Name => "ClassAndBox";

    /// <inheritdoc />
    /// <remarks>False: the trainer's arg-max over the whole output would include the box numbers.</remarks>
    public bool IsClassification => false;

    /// <inheritdoc />
    /// <remarks>Only a Linear output fits: the softmax applies to the logits alone, and the box is unbounded.</remarks>
    public LossGradientTarget GradientTarget(Activation outputActivation) => outputActivation switch
    {
        Activation.Linear => LossGradientTarget.Output,
        _ => throw LossArguments.UnsupportedActivation(Name, outputActivation,
            "a Linear output (class logits followed by the 4 box numbers, e.g. a Dense(classes + 4) with no activation)"),
    };

    /// <inheritdoc />
    public float Compute(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> gradient, int batch, Activation outputActivation)
    {
        GradientTarget(outputActivation);
        int outputSize = LossArguments.CheckShapes(Name, output.Length, target.Length, gradient.Length, batch);
        if (outputSize != Classes + BoxSize)
        {
            throw new ArgumentException(
                $"{Name}: expects classes + box = {Classes} + {BoxSize} = {Classes + BoxSize} outputs per sample, got {outputSize}.",
                nameof(output));
        }
        bool withGradient = !gradient.IsEmpty;
        double scale = 1.0 / batch;
        double sum = 0;
        for (int sample = 0; sample < batch; sample++)
        {
            int start = sample * outputSize;
            ReadOnlySpan<float> z = output.Slice(start, Classes);
            ReadOnlySpan<float> t = target.Slice(start, Classes);
            // Logits are shifted by their max before exponentiating: no overflow.
            float max = z[0];
            for (int c = 1; c < Classes; c++) max = Math.Max(max, z[c]);
            double exponentials = 0, targetMass = 0, weightedLogits = 0;
            for (int c = 0; c < Classes; c++)
            {
                double e = Math.Exp((double)z[c] - max);
                exponentials += e;
                targetMass += t[c];
                weightedLogits += t[c] * (double)z[c];
                if (withGradient) gradient[start + c] = (float)e;
            }
            sum += targetMass * (max + Math.Log(exponentials)) - weightedLogits;
            if (withGradient)
            {
                // softmax(z)·Σt − t, which is softmax(z) − t for one-hot and probability rows.
                double probabilityScale = targetMass / exponentials;
                for (int c = 0; c < Classes; c++)
                {
                    gradient[start + c] = (float)((gradient[start + c] * probabilityScale - t[c]) * scale);
                }
            }

            double squares = 0;
            for (int j = start + Classes; j < start + outputSize; j++)
            {
                double difference = (double)output[j] - target[j];
                squares += difference * difference;
                if (withGradient) gradient[j] = (float)(BoxWeight * 2.0 / BoxSize * difference * scale);
            }
            sum += BoxWeight * squares / BoxSize;
        }
        return (float)(sum * scale);
    }
}
