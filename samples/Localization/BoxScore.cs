using System;
using DslNet;

namespace LocalizationSample;

/// <summary>
/// How well a class-and-box network does on a data set: the accuracy of the arg-max of the class logits, and the
/// mean intersection over union of the predicted and true boxes.
/// </summary>
internal sealed record BoxScore(double ClassAccuracy, double MeanIoU)
{
    /// <summary>Runs <paramref name="network"/> on every image of <paramref name="data"/>, whose targets are <paramref name="classes"/> one-hot values and a box.</summary>
    public static BoxScore Measure(INetwork network, Dataset data, int classes)
    {
        var inputs = new float[data.Count * data.InputSize];
        for (int i = 0; i < data.Count; i++) data.Input(i).CopyTo(inputs.AsSpan(i * data.InputSize));
        var outputs = new float[data.Count * network.OutputSize];
        network.Forward(inputs, outputs, data.Count);
        int correct = 0;
        double iou = 0;
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<float> output = outputs.AsSpan(i * network.OutputSize, network.OutputSize);
            ReadOnlySpan<float> target = data.Target(i);
            if (target[ArgMax(output[..classes])] > 0.5f) correct++;
            iou += IoU(output[classes..], target[classes..]);
        }
        return new BoxScore((double)correct / data.Count, iou / data.Count);
    }

    /// <summary>
    /// The mean IoU on <paramref name="test"/> of the trivial localiser that always answers the training set's
    /// average box, whatever the image: what a network that learned nothing about where the object is would score.
    /// </summary>
    public static double AverageBoxIoU(Dataset training, Dataset test, int classes)
    {
        var meanBox = new float[ClassAndBoxLoss.BoxSize];
        for (int i = 0; i < training.Count; i++)
        {
            for (int j = 0; j < meanBox.Length; j++) meanBox[j] += training.Target(i)[classes + j] / training.Count;
        }
        double iou = 0;
        for (int i = 0; i < test.Count; i++) iou += IoU(meanBox, test.Target(i)[classes..]);
        return iou / test.Count;
    }

    /// <summary>The IoU of two (centre x, centre y, width, height) boxes; a negative predicted width or height counts as zero.</summary>
    public static double IoU(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double aw = Math.Max(a[2], 0f), ah = Math.Max(a[3], 0f), bw = Math.Max(b[2], 0f), bh = Math.Max(b[3], 0f);
        double overlapX = Math.Min(a[0] + aw / 2, b[0] + bw / 2) - Math.Max(a[0] - aw / 2, b[0] - bw / 2);
        double overlapY = Math.Min(a[1] + ah / 2, b[1] + bh / 2) - Math.Max(a[1] - ah / 2, b[1] - bh / 2);
        double intersection = Math.Max(overlapX, 0) * Math.Max(overlapY, 0);
        double union = aw * ah + bw * bh - intersection;
        return union > 0 ? intersection / union : 0;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int c = 1; c < values.Length; c++) if (values[c] > values[best]) best = c;
        return best;
    }
}
