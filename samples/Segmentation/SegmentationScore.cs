using System;
using DslNet;

namespace SegmentationSample;

/// <summary>
/// Per-pixel accuracy and intersection over union per class of a segmentation network on a data set, counted
/// over all its pixels (as PASCAL VOC does), with the predicted class the arg-max of each pixel's logits.
/// </summary>
internal sealed record SegmentationScore(double PixelAccuracy, double[] IoU, double BackgroundShare)
{
    /// <summary>The mean of the per-class IoU, background included.</summary>
    public double MeanIoU
    {
        get
        {
            double sum = 0;
            foreach (double iou in IoU) sum += iou;
            return sum / IoU.Length;
        }
    }

    /// <summary>Runs <paramref name="network"/> on every image of <paramref name="data"/> and scores its label maps.</summary>
    public static SegmentationScore Measure(INetwork network, Dataset data, int classes, int pixels) =>
        Of(Predict(network, data, classes, pixels), data, classes, pixels);

    /// <summary>Scores predicted labels [count, pixels] against the one-hot label maps of <paramref name="data"/>.</summary>
    public static SegmentationScore Of(ReadOnlySpan<int> predicted, Dataset data, int classes, int pixels)
    {
        var intersection = new long[classes];
        var union = new long[classes];
        long correct = 0, background = 0;
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<float> target = data.Target(i);
            for (int p = 0; p < pixels; p++)
            {
                int truth = ArgMax(target, i: 0, p, classes, pixels);
                int guess = predicted[i * pixels + p];
                if (truth == 0) background++;
                if (guess == truth)
                {
                    correct++;
                    intersection[truth]++;
                    union[truth]++;
                }
                else
                {
                    union[truth]++;
                    union[guess]++;
                }
            }
        }
        var iou = new double[classes];
        // A class absent from both truth and prediction is matched perfectly.
        for (int c = 0; c < classes; c++) iou[c] = union[c] == 0 ? 1 : (double)intersection[c] / union[c];
        double total = (double)data.Count * pixels;
        return new SegmentationScore(correct / total, iou, background / total);
    }

    /// <summary>The predicted class of every pixel, [count, pixels].</summary>
    public static int[] Predict(INetwork network, Dataset data, int classes, int pixels)
    {
        var inputs = new float[data.Count * data.InputSize];
        for (int i = 0; i < data.Count; i++) data.Input(i).CopyTo(inputs.AsSpan(i * data.InputSize));
        var logits = new float[data.Count * network.OutputSize];
        network.Forward(inputs, logits, data.Count);
        return Labels(logits, data.Count, classes, pixels);
    }

    /// <summary>The class of every pixel, [count, pixels]: the arg-max of its logits in NCHW logits [count, classes, pixels].</summary>
    public static int[] Labels(ReadOnlySpan<float> logits, int count, int classes, int pixels)
    {
        var labels = new int[count * pixels];
        for (int i = 0; i < count; i++)
        {
            for (int p = 0; p < pixels; p++) labels[i * pixels + p] = ArgMax(logits, i, p, classes, pixels);
        }
        return labels;
    }

    /// <summary>The channel with the largest value at pixel <paramref name="p"/> of image <paramref name="i"/> in an NCHW block.</summary>
    private static int ArgMax(ReadOnlySpan<float> nchw, int i, int p, int classes, int pixels)
    {
        int start = i * classes * pixels + p;
        int best = 0;
        for (int c = 1; c < classes; c++)
        {
            if (nchw[start + c * pixels] > nchw[start + best * pixels]) best = c;
        }
        return best;
    }
}
