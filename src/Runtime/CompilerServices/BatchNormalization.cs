using System;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DslNet.CompilerServices;

/// <summary>
/// Batch normalisation for generated code over rows of [channels, positions] (a vector: positions 1; a feature map:
/// height·width), each channel normalised over all rows and positions. A channel's positions in one row are
/// contiguous, so each pass runs along them in vectors; every sum over a row is taken around the channel's mean (no
/// E[x²] − μ² cancellation) and the rows' sums are added up in double, as a channel may hold a whole batch of maps.
/// Not meant to be called by hand.
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TrainingForward(ReadOnlySpan<float> input, Span<float> output, ReadOnlySpan<float> gain, ReadOnlySpan<float> bias,
        Span<float> runningMean, Span<float> runningVariance, Span<float> batchMean, Span<float> batchInverse, bool updateRunning,
        int rows, int channels, int positions, float momentum, float epsilon)
    {
        long n = (long)rows * positions;
        for (int c = 0; c < channels; c++)
        {
            double sum = 0;
            for (int r = 0; r < rows; r++) sum += TensorPrimitives.Sum(input.Slice((r * channels + c) * positions, positions));
            double mean = n > 0 ? sum / n : 0;
            double squares = 0;
            for (int r = 0; r < rows; r++) squares += CenteredSquares(input.Slice((r * channels + c) * positions, positions), (float)mean);
            double variance = n > 0 ? squares / n : 0;
            double inverse = 1 / Math.Sqrt(variance + epsilon);
            batchMean[c] = (float)mean;
            batchInverse[c] = (float)inverse;
            Normalise(input, output, rows, channels, positions, c, (float)mean, (float)(gain[c] * inverse), bias[c]);
            if (updateRunning && n > 1)
            {
                runningMean[c] = (float)((1 - momentum) * runningMean[c] + momentum * mean);
                runningVariance[c] = (float)((1 - momentum) * runningVariance[c] + momentum * variance * n / (n - 1));
            }
        }
    }

    /// <summary>Inference: y = γ·(x − running mean)/√(running variance + ε) + β.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void InferenceForward(ReadOnlySpan<float> input, Span<float> output, ReadOnlySpan<float> gain, ReadOnlySpan<float> bias,
        ReadOnlySpan<float> runningMean, ReadOnlySpan<float> runningVariance, int rows, int channels, int positions, float epsilon)
    {
        for (int c = 0; c < channels; c++)
        {
            Normalise(input, output, rows, channels, positions, c, runningMean[c], (float)(gain[c] / Math.Sqrt(runningVariance[c] + (double)epsilon)), bias[c]);
        }
    }

    /// <summary>
    /// Inference folded into the Dense or Conv2D layer before it, whose output z = W·x + b only this normalisation reads:
    /// per channel scale = γ/√(running variance + ε) and shift = scale·b + β − scale·running mean, into
    /// <paramref name="fold"/> as [scale × channels, shift × channels], so that the layer's kernel writes
    /// scale·(W·x) + shift = γ·(z − running mean)/√(running variance + ε) + β. Generated code calls it at the start of
    /// every inference pass, from the parameters as they are then: nothing derived from them is kept between calls. In
    /// float and in vectors, as it runs on every call (one channel at a time in double, its square roots and divisions
    /// were a visible part of a small network's inference); the tail takes the same operations one float at a time, so
    /// every channel gets the same result whatever the vector width.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fold(ReadOnlySpan<float> gain, ReadOnlySpan<float> bias, ReadOnlySpan<float> runningMean, ReadOnlySpan<float> runningVariance,
        ReadOnlySpan<float> producerBias, Span<float> fold, int channels, float epsilon)
    {
        var scales = fold.Slice(0, channels);
        var shifts = fold.Slice(channels, channels);
        int c = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var e = new Vector<float>(epsilon);
            for (; c <= channels - Vector<float>.Count; c += Vector<float>.Count)
            {
                var scale = new Vector<float>(gain.Slice(c)) / Vector.SquareRoot(new Vector<float>(runningVariance.Slice(c)) + e);
                scale.CopyTo(scales.Slice(c));
                ((new Vector<float>(producerBias.Slice(c)) - new Vector<float>(runningMean.Slice(c))) * scale + new Vector<float>(bias.Slice(c))).CopyTo(shifts.Slice(c));
            }
        }
        for (; c < channels; c++)
        {
            float scale = gain[c] / MathF.Sqrt(runningVariance[c] + epsilon);
            scales[c] = scale;
            shifts[c] = (producerBias[c] - runningMean[c]) * scale + bias[c];
        }
    }

    /// <summary>
    /// dL/dβ += Σ g and dL/dγ += Σ g·x̂ per channel, with x̂ rebuilt from the input and the batch statistics; the two
    /// sums of channel c are also kept in <paramref name="sums"/>[c] and [channels + c], where
    /// <see cref="InputGradient"/> reads them instead of walking the batch again.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ParameterGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> delta, ReadOnlySpan<float> batchMean, ReadOnlySpan<float> batchInverse,
        Span<float> gainGradient, Span<float> biasGradient, Span<double> sums, int rows, int channels, int positions)
    {
        for (int c = 0; c < channels; c++)
        {
            var (sumDelta, sumDeltaNormalised) = Sums(input, delta, rows, channels, positions, c, batchMean[c], batchInverse[c]);
            gainGradient[c] += (float)sumDeltaNormalised;
            biasGradient[c] += (float)sumDelta;
            sums[c] = sumDelta;
            sums[channels + c] = sumDeltaNormalised;
        }
    }

    /// <summary>
    /// dL/dx = γ·(1/σ)/n · (n·g − Σ g − x̂·Σ g·x̂), the batch statistics' own dependence on x included; per channel that
    /// is a·g + b·(x − μ) + d with a = γ/σ, b = −γ·Σ g·x̂/(n·σ²), d = −γ·Σ g/(n·σ). The sums are those
    /// <see cref="ParameterGradients"/> kept from the same input and δ.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void InputGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> delta, ReadOnlySpan<float> gain, ReadOnlySpan<float> batchMean,
        ReadOnlySpan<float> batchInverse, ReadOnlySpan<double> sums, Span<float> inputGradient, int rows, int channels, int positions)
    {
        long n = (long)rows * positions;
        if (n == 0) return;
        for (int c = 0; c < channels; c++)
        {
            float mean = batchMean[c];
            double inverse = batchInverse[c];
            double sumDelta = sums[c], sumDeltaNormalised = sums[channels + c];
            double scale = gain[c] * inverse;
            float a = (float)scale, b = (float)(-scale * inverse * sumDeltaNormalised / n), d = (float)(-scale * sumDelta / n);
            for (int r = 0; r < rows; r++)
            {
                int start = (r * channels + c) * positions;
                LinearGradient(input.Slice(start, positions), delta.Slice(start, positions), inputGradient.Slice(start, positions), mean, a, b, d);
            }
        }
    }

    // y = (x − μ)·s + β along one row's positions of channel c, for every row.
    private static void Normalise(ReadOnlySpan<float> input, Span<float> output, int rows, int channels, int positions, int c,
        float mean, float scale, float bias)
    {
        for (int r = 0; r < rows; r++)
        {
            int start = (r * channels + c) * positions;
            var x = input.Slice(start, positions);
            var y = output.Slice(start, positions);
            int p = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var m = new Vector<float>(mean);
                var s = new Vector<float>(scale);
                var beta = new Vector<float>(bias);
                for (; p <= positions - Vector<float>.Count; p += Vector<float>.Count)
                {
                    ((new Vector<float>(x.Slice(p)) - m) * s + beta).CopyTo(y.Slice(p));
                }
            }
            for (; p < positions; p++) y[p] = (x[p] - mean) * scale + bias;
        }
    }

    // Σ (x − μ)² along one row's positions.
    private static float CenteredSquares(ReadOnlySpan<float> x, float mean)
    {
        float total = 0;
        int p = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var m = new Vector<float>(mean);
            var sum = Vector<float>.Zero;
            for (; p <= x.Length - Vector<float>.Count; p += Vector<float>.Count)
            {
                var centred = new Vector<float>(x.Slice(p)) - m;
                sum += centred * centred;
            }
            total = Vector.Sum(sum);
        }
        for (; p < x.Length; p++) total += (x[p] - mean) * (x[p] - mean);
        return total;
    }

    // Σ g and Σ g·x̂ of channel c over every row, x̂ = (x − μ)/σ.
    private static (double SumDelta, double SumDeltaNormalised) Sums(ReadOnlySpan<float> input, ReadOnlySpan<float> delta,
        int rows, int channels, int positions, int c, float mean, double inverse)
    {
        double sumDelta = 0, sumDeltaCentred = 0;
        for (int r = 0; r < rows; r++)
        {
            int start = (r * channels + c) * positions;
            var x = input.Slice(start, positions);
            var g = delta.Slice(start, positions);
            // Both sums in one pass over the row.
            float plain = 0, centred = 0;
            int p = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var m = new Vector<float>(mean);
                var sum = Vector<float>.Zero;
                var sumCentred = Vector<float>.Zero;
                for (; p <= positions - Vector<float>.Count; p += Vector<float>.Count)
                {
                    var gradient = new Vector<float>(g.Slice(p));
                    sum += gradient;
                    sumCentred += gradient * (new Vector<float>(x.Slice(p)) - m);
                }
                plain = Vector.Sum(sum);
                centred = Vector.Sum(sumCentred);
            }
            for (; p < positions; p++)
            {
                plain += g[p];
                centred += g[p] * (x[p] - mean);
            }
            sumDelta += plain;
            sumDeltaCentred += centred;
        }
        return (sumDelta, sumDeltaCentred * inverse);
    }

    // dx = a·g + b·(x − μ) + d along one row's positions.
    private static void LinearGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> g, Span<float> dx, float mean, float a, float b, float d)
    {
        int p = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var m = new Vector<float>(mean);
            var va = new Vector<float>(a);
            var vb = new Vector<float>(b);
            var vd = new Vector<float>(d);
            for (; p <= x.Length - Vector<float>.Count; p += Vector<float>.Count)
            {
                (new Vector<float>(g.Slice(p)) * va + (new Vector<float>(x.Slice(p)) - m) * vb + vd).CopyTo(dx.Slice(p));
            }
        }
        for (; p < x.Length; p++) dx[p] = a * g[p] + b * (x[p] - mean) + d;
    }
}
