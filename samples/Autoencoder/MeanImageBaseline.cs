using System;
using DslNet;

namespace AutoencoderSample;

/// <summary>
/// The bar a reconstruction must beat: the squared error per pixel, on held-out images, of always answering the
/// training images' mean, which is what a model that learned nothing about the individual image would score.
/// </summary>
internal static class MeanImageBaseline
{
    /// <summary>The mean squared error per pixel on <paramref name="test"/> of the mean image of <paramref name="training"/>.</summary>
    public static double Error(Dataset training, Dataset test)
    {
        var mean = new double[training.InputSize];
        for (int i = 0; i < training.Count; i++)
        {
            ReadOnlySpan<float> image = training.Input(i);
            for (int p = 0; p < mean.Length; p++) mean[p] += image[p] / training.Count;
        }
        double error = 0;
        for (int i = 0; i < test.Count; i++)
        {
            ReadOnlySpan<float> image = test.Input(i);
            for (int p = 0; p < mean.Length; p++) error += (image[p] - mean[p]) * (image[p] - mean[p]);
        }
        return error / ((double)test.Count * mean.Length);
    }
}
