using System;

namespace DslNet.EndToEnd.Tests.Heads;

/// <summary>The task metrics the trainer cannot give for these heads: per-pixel accuracy, IoU per class, box IoU.</summary>
internal static class HeadScores
{
    /// <summary>The network's inference outputs for every sample, [count, OutputSize].</summary>
    public static float[] Predict(INetwork network, Dataset data)
    {
        var inputs = new float[data.Count * data.InputSize];
        for (int i = 0; i < data.Count; i++) data.Input(i).CopyTo(inputs.AsSpan(i * data.InputSize));
        var outputs = new float[data.Count * network.OutputSize];
        network.Forward(inputs, outputs, data.Count);
        return outputs;
    }

    /// <summary>
    /// Pixel accuracy, IoU per class over all pixels of the set, and the share of background (class 0) pixels, for
    /// NCHW logits and one-hot targets of [classes, pixels] per sample.
    /// </summary>
    public static (double Accuracy, double[] IoU, double BackgroundShare) Segmentation(float[] outputs, Dataset data, int classes, int pixels)
    {
        var intersection = new long[classes];
        var union = new long[classes];
        long correct = 0, background = 0;
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<float> output = outputs.AsSpan(i * classes * pixels, classes * pixels);
            ReadOnlySpan<float> target = data.Target(i);
            for (int p = 0; p < pixels; p++)
            {
                int truth = PixelArgMax(target, p, classes, pixels), guess = PixelArgMax(output, p, classes, pixels);
                if (truth == 0) background++;
                union[truth]++;
                if (guess == truth)
                {
                    correct++;
                    intersection[truth]++;
                }
                else
                {
                    union[guess]++;
                }
            }
        }
        var iou = new double[classes];
        for (int c = 0; c < classes; c++) iou[c] = union[c] == 0 ? 1 : (double)intersection[c] / union[c];
        double total = (double)data.Count * pixels;
        return (correct / total, iou, background / total);
    }

    /// <summary>The IoU of two (centre x, centre y, width, height) boxes; a negative width or height counts as zero.</summary>
    public static double BoxIoU(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double aw = Math.Max(a[2], 0f), ah = Math.Max(a[3], 0f), bw = Math.Max(b[2], 0f), bh = Math.Max(b[3], 0f);
        double overlapX = Math.Min(a[0] + aw / 2, b[0] + bw / 2) - Math.Max(a[0] - aw / 2, b[0] - bw / 2);
        double overlapY = Math.Min(a[1] + ah / 2, b[1] + bh / 2) - Math.Max(a[1] - ah / 2, b[1] - bh / 2);
        double intersection = Math.Max(overlapX, 0) * Math.Max(overlapY, 0);
        double union = aw * ah + bw * bh - intersection;
        return union > 0 ? intersection / union : 0;
    }

    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int c = 1; c < values.Length; c++) if (values[c] > values[best]) best = c;
        return best;
    }

    private static int PixelArgMax(ReadOnlySpan<float> nchw, int pixel, int classes, int pixels)
    {
        int best = 0;
        for (int c = 1; c < classes; c++) if (nchw[c * pixels + pixel] > nchw[best * pixels + pixel]) best = c;
        return best;
    }
}
