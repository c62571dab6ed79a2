using System;
using System.IO;

namespace DslNet.EndToEnd.Tests.Generative;

/// <summary>The embedded 8×8 digits, pixels in [0, 1], split 80/20 with a fixed seed, and the baseline a model must beat.</summary>
internal static class DigitImages
{
    public static (Dataset Training, Dataset Test) Load()
    {
        var all = CsvDataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"), 10, 1f / 16);
        return all.Split(0.8, seed: 42);
    }

    /// <summary>
    /// The mean squared error on <paramref name="test"/> of always answering the training set's mean image: what a
    /// model that learned nothing about the individual image would score.
    /// </summary>
    public static double MeanImageError(Dataset training, Dataset test)
    {
        var mean = new double[training.InputSize];
        for (int i = 0; i < training.Count; i++)
        {
            ReadOnlySpan<float> image = training.Input(i);
            for (int p = 0; p < mean.Length; p++) mean[p] += image[p];
        }
        for (int p = 0; p < mean.Length; p++) mean[p] /= training.Count;
        double error = 0;
        for (int i = 0; i < test.Count; i++)
        {
            ReadOnlySpan<float> image = test.Input(i);
            for (int p = 0; p < mean.Length; p++) error += (image[p] - mean[p]) * (image[p] - mean[p]);
        }
        return error / (test.Count * (double)mean.Length);
    }
}
