using System;
using DslNet;

namespace ImageRegressionSample;

/// <summary>
/// How far a radius network's answers lie from the truth on a test set, next to the trivial predictor that always
/// answers the training set's mean radius: a network that learned nothing from the image scores the latter.
/// </summary>
/// <param name="MeanAbsoluteError">The network's mean |predicted − true| radius, in pixels.</param>
/// <param name="TrainingMean">The training set's mean radius, in pixels: the trivial predictor's answer.</param>
/// <param name="MeanPredictorError">The trivial predictor's mean absolute error on the same test set, in pixels.</param>
internal sealed record RadiusError(double MeanAbsoluteError, double TrainingMean, double MeanPredictorError)
{
    /// <summary>Runs <paramref name="network"/> on every image of <paramref name="test"/>, whose targets are one radius each.</summary>
    public static RadiusError Measure(INetwork network, Dataset training, Dataset test)
    {
        var inputs = new float[test.Count * test.InputSize];
        for (int i = 0; i < test.Count; i++) test.Input(i).CopyTo(inputs.AsSpan(i * test.InputSize));
        var predictions = new float[test.Count * network.OutputSize];
        network.Forward(inputs, predictions, test.Count);
        double mean = 0;
        for (int i = 0; i < training.Count; i++) mean += training.Target(i)[0];
        mean /= training.Count;
        double error = 0, baseline = 0;
        for (int i = 0; i < test.Count; i++)
        {
            float radius = test.Target(i)[0];
            error += Math.Abs(predictions[i * network.OutputSize] - radius);
            baseline += Math.Abs(mean - radius);
        }
        return new RadiusError(error / test.Count, mean, baseline / test.Count);
    }
}
