using System;
using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// Batch normalisation for generated code over rows of [channels, positions] (a vector: positions 1; a feature map:
/// height·width), each channel normalised over all rows and positions. Sums are taken in double: a channel may hold
/// a whole batch of maps. Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchNormalization
{
    /// <summary>
    /// Training: the batch's mean μ and variance σ² (divided by n) per channel, y = γ·(x − μ)/√(σ² + ε) + β; μ and
    /// 1/√(σ² + ε) go to <paramref name="batchMean"/> and <paramref name="batchInverse"/> for backward. When
    /// <paramref name="updateRunning"/>, running = (1 − m)·running + m·batch, with the unbiased variance (n/(n − 1)) as
    /// PyTorch; a channel with one value (n = 1) says nothing about the variance and leaves the running estimates alone.
    /// </summary>
    public static void TrainingForward(ReadOnlySpan<float> input, Span<float> output, ReadOnlySpan<float> gain, ReadOnlySpan<float> bias,
        Span<float> runningMean, Span<float> runningVariance, Span<float> batchMean, Span<float> batchInverse, bool updateRunning,
        int rows, int channels, int positions, float momentum, float epsilon)
    {
        long n = (long)rows * positions;
        for (int c = 0; c < channels; c++)
        {
            double sum = 0;
            for (int r = 0; r < rows; r++)
            {
                var block = input.Slice((r * channels + c) * positions, positions);
                for (int p = 0; p < positions; p++) sum += block[p];
            }
            double mean = n > 0 ? sum / n : 0;
            double squares = 0;
            for (int r = 0; r < rows; r++)
            {
                var block = input.Slice((r * channels + c) * positions, positions);
                for (int p = 0; p < positions; p++) squares += (block[p] - mean) * (block[p] - mean);
            }
            double variance = n > 0 ? squares / n : 0;
            double inverse = 1 / Math.Sqrt(variance + epsilon);
            batchMean[c] = (float)mean;
            batchInverse[c] = (float)inverse;
            Normalise(input, output, rows, channels, positions, c, mean, inverse, gain[c], bias[c]);
            if (updateRunning && n > 1)
            {
                runningMean[c] = (float)((1 - momentum) * runningMean[c] + momentum * mean);
                runningVariance[c] = (float)((1 - momentum) * runningVariance[c] + momentum * variance * n / (n - 1));
            }
        }
    }

    /// <summary>Inference: y = γ·(x − running mean)/√(running variance + ε) + β.</summary>
    public static void InferenceForward(ReadOnlySpan<float> input, Span<float> output, ReadOnlySpan<float> gain, ReadOnlySpan<float> bias,
        ReadOnlySpan<float> runningMean, ReadOnlySpan<float> runningVariance, int rows, int channels, int positions, float epsilon)
    {
        for (int c = 0; c < channels; c++)
        {
            Normalise(input, output, rows, channels, positions, c, runningMean[c], 1 / Math.Sqrt(runningVariance[c] + (double)epsilon), gain[c], bias[c]);
        }
    }

    /// <summary>dL/dβ += Σ g and dL/dγ += Σ g·x̂ per channel, with x̂ rebuilt from the input and the batch statistics.</summary>
    public static void ParameterGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> delta, ReadOnlySpan<float> batchMean, ReadOnlySpan<float> batchInverse,
        Span<float> gainGradient, Span<float> biasGradient, int rows, int channels, int positions)
    {
        for (int c = 0; c < channels; c++)
        {
            var (sumDelta, sumDeltaNormalised) = Sums(input, delta, rows, channels, positions, c, batchMean[c], batchInverse[c]);
            gainGradient[c] += (float)sumDeltaNormalised;
            biasGradient[c] += (float)sumDelta;
        }
    }

    /// <summary>dL/dx = γ·(1/σ)/n · (n·g − Σ g − x̂·Σ g·x̂), the batch statistics' own dependence on x included.</summary>
    public static void InputGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> delta, ReadOnlySpan<float> gain, ReadOnlySpan<float> batchMean,
        ReadOnlySpan<float> batchInverse, Span<float> inputGradient, int rows, int channels, int positions)
    {
        long n = (long)rows * positions;
        if (n == 0) return;
        for (int c = 0; c < channels; c++)
        {
            double mean = batchMean[c], inverse = batchInverse[c];
            var (sumDelta, sumDeltaNormalised) = Sums(input, delta, rows, channels, positions, c, mean, inverse);
            double scale = gain[c] * inverse / n;
            for (int r = 0; r < rows; r++)
            {
                int start = (r * channels + c) * positions;
                for (int p = 0; p < positions; p++)
                {
                    double normalised = (input[start + p] - mean) * inverse;
                    inputGradient[start + p] = (float)(scale * (n * delta[start + p] - sumDelta - normalised * sumDeltaNormalised));
                }
            }
        }
    }

    private static void Normalise(ReadOnlySpan<float> input, Span<float> output, int rows, int channels, int positions, int c,
        double mean, double inverse, float gain, float bias)
    {
        for (int r = 0; r < rows; r++)
        {
            int start = (r * channels + c) * positions;
            for (int p = 0; p < positions; p++) output[start + p] = (float)(gain * (input[start + p] - mean) * inverse + bias);
        }
    }

    private static (double SumDelta, double SumDeltaNormalised) Sums(ReadOnlySpan<float> input, ReadOnlySpan<float> delta,
        int rows, int channels, int positions, int c, double mean, double inverse)
    {
        double sumDelta = 0, sumDeltaNormalised = 0;
        for (int r = 0; r < rows; r++)
        {
            int start = (r * channels + c) * positions;
            for (int p = 0; p < positions; p++)
            {
                sumDelta += delta[start + p];
                sumDeltaNormalised += delta[start + p] * (input[start + p] - mean) * inverse;
            }
        }
        return (sumDelta, sumDeltaNormalised);
    }
}
