using System;

namespace DslNet;

/// <summary>
/// Per-pixel categorical cross-entropy for segmentation heads: the output of each sample is a
/// <c>[classes, height, width]</c> block of logits (NCHW, as a Linear 1×1 <c>Conv2D</c> writes it), the softmax
/// runs over the channel axis separately at every pixel, and the loss <c>−Σ_c t·log softmax(z)_c</c> is averaged
/// over every pixel of the batch (PyTorch's <c>CrossEntropyLoss</c> on <c>[N, C, H, W]</c> logits). Targets have
/// the same layout: a one-hot (or probability) vector over the channels at each pixel. The gradient with respect
/// to the logits is <c>(softmax(z) − t) / (batch · height · width)</c>, computed with the max shift so large logits
/// stay finite.
/// </summary>
/// <remarks>
/// A pixel whose target is all zeros adds nothing to the loss or the gradient (it still counts in the mean),
/// which lets a data set leave pixels unlabelled. Accuracy as the trainer measures it (one arg-max per sample)
/// means nothing here, so <see cref="IsClassification"/> is false; measure per-pixel accuracy and IoU instead.
/// </remarks>
public sealed class PixelSoftmaxCrossEntropyLoss : ILoss
{
    /// <summary>Creates the loss for outputs of <c>[classes, height, width]</c> per sample.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than two classes, or a height or width below one.</exception>
    public PixelSoftmaxCrossEntropyLoss(int classes, int height, int width)
    {
        if (classes < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes,
                $"PixelSoftmaxCrossEntropy needs at least 2 classes per pixel, got {classes} (for one yes/no channel use {nameof(BinaryCrossEntropyLoss)}).");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        Classes = classes;
        Height = height;
        Width = width;
    }

    /// <summary>The channels of the output: one logit per class at each pixel.</summary>
    public int Classes { get; }

    /// <summary>The height of the output maps.</summary>
    public int Height { get; }

    /// <summary>The width of the output maps.</summary>
    public int Width { get; }

    /// <inheritdoc />
    public string Name => "PixelSoftmaxCrossEntropy";

    /// <inheritdoc />
    /// <remarks>False: the trainer's accuracy takes one arg-max over the whole output, not one per pixel.</remarks>
    public bool IsClassification => false;

    /// <inheritdoc />
    /// <remarks>Only a Linear output fits: the softmax over channels is the loss's own, per pixel.</remarks>
    public LossGradientTarget GradientTarget(Activation outputActivation) => outputActivation switch
    {
        Activation.Linear => LossGradientTarget.Output,
        _ => throw LossArguments.UnsupportedActivation(Name, outputActivation,
            "a Linear output (per-pixel logits, e.g. a 1×1 Conv2D with no activation); it applies the softmax over the channels itself"),
    };

    /// <inheritdoc />
    /// <remarks>
    /// For a pixel whose target does not sum to one the gradient is the exact <c>softmax(z)·Σt − t</c> (divided by
    /// <c>batch · height · width</c>), which is <c>softmax(z) − t</c> for one-hot and probability targets.
    /// </remarks>
    public float Compute(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> gradient, int batch, Activation outputActivation)
    {
        GradientTarget(outputActivation);
        int outputSize = LossArguments.CheckShapes(Name, output.Length, target.Length, gradient.Length, batch);
        int pixels = Height * Width;
        if (outputSize != Classes * pixels)
        {
            throw new ArgumentException(
                $"{Name}: expects [classes, height, width] = [{Classes}, {Height}, {Width}] = {Classes * pixels} outputs per sample, got {outputSize}.",
                nameof(output));
        }
        bool withGradient = !gradient.IsEmpty;
        double scale = 1.0 / ((double)batch * pixels);
        double sum = 0;
        for (int sample = 0; sample < batch; sample++)
        {
            int start = sample * outputSize;
            for (int pixel = 0; pixel < pixels; pixel++)
            {
                // Channel c of this pixel sits at start + c·pixels + pixel (NCHW).
                int first = start + pixel;
                float max = output[first];
                for (int c = 1; c < Classes; c++) max = Math.Max(max, output[first + c * pixels]);
                double exponentials = 0, targetMass = 0, weightedLogits = 0;
                for (int c = 0; c < Classes; c++)
                {
                    int i = first + c * pixels;
                    double e = Math.Exp((double)output[i] - max);
                    exponentials += e;
                    targetMass += target[i];
                    weightedLogits += target[i] * (double)output[i];
                    // The unnormalised softmax waits in the gradient until the sum is known.
                    if (withGradient) gradient[i] = (float)e;
                }
                double logSumExp = max + Math.Log(exponentials);
                // Σ t·(logΣe^z − z_c) = Σt·logΣe^z − Σ t·z_c.
                sum += targetMass * logSumExp - weightedLogits;
                if (withGradient)
                {
                    double probabilityScale = targetMass / exponentials;
                    for (int c = 0; c < Classes; c++)
                    {
                        int i = first + c * pixels;
                        gradient[i] = (float)((gradient[i] * probabilityScale - target[i]) * scale);
                    }
                }
            }
        }
        return (float)(sum * scale);
    }
}
