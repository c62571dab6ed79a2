using System;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Runtime.Tests.Kernels;

/// <summary>
/// <see cref="Pooling"/> against a reference written from the definition, on each max-pooling path forced (Vector256
/// runs in software where AVX2 is missing), over batches 0, 1 and 3 and inputs with many ties (the arg-max is the
/// first maximum in scan order on every path).
/// </summary>
public sealed class PoolingTests
{
    private delegate void MaxPooling(ReadOnlySpan<float> input, Span<float> output, Span<int> argMax, int batch, bool training);

    [Theory]
    [InlineData("Vector256")]
    [InlineData("Scalar")]
    [InlineData("Dispatch")]
    public void Max_pooling_matches_the_reference_forward_and_backward(string path)
    {
        CheckMax<Pool2Out3>(path);
        CheckMax<Pool2Out4>(path);
        CheckMax<Pool2Out5>(path);
        CheckMax<Pool2Out8>(path);
        CheckMax<Pool2Out11>(path);
        CheckMax<Pool2Out12>(path);
        CheckMax<Pool2Out13>(path);
        CheckMax<Pool2Out16>(path);
        CheckMax<Pool3Stride2>(path);
        CheckMax<Pool3Stride1>(path);
        CheckMax<Pool2Stride1>(path);
        CheckMax<Pool2Stride3>(path);
    }

    [Fact]
    public void Average_pooling_matches_the_reference_forward_and_backward()
    {
        CheckAverage<Pool2Out3>();
        CheckAverage<Pool2Out5>();
        CheckAverage<Pool2Out13>();
        CheckAverage<Pool3Stride2>();
        CheckAverage<Pool3Stride1>();
        CheckAverage<Pool2Stride1>();
        CheckAverage<Pool2Stride3>();
    }

    [Fact]
    public void Spans_shorter_than_the_batch_are_refused_with_the_sizes_expected()
    {
        var tooShort = Assert.Throws<ArgumentException>(() => Pooling.AverageForward<Pool2Out5>(new float[2 * 20 * 9 * 11 - 1], new float[2 * 20 * 4 * 5], 2));
        Assert.Contains("needs 3960 floats on the input side ([20, 9, 11] per sample)", tooShort.Message);
        Assert.Contains("got 3959 and 800", tooShort.Message);
        var argMax = Assert.Throws<ArgumentException>(() => Pooling.MaxForwardScalar<Pool2Out5>(new float[1980], new float[400], new int[399], 1, training: true));
        Assert.Contains("needs 400 arg-max indices; got 399", argMax.Message);
        var outside = Assert.Throws<ArgumentException>(() => Pooling.MaxBackward<Pool2Out4>(new float[48], new float[192], Outside(), 1));
        Assert.Contains("arg-max index 192 lies outside the input gradient of 192 floats", outside.Message);
    }

    private static int[] Outside()
    {
        var argMax = new int[48];
        argMax[5] = 192;
        return argMax;
    }

    private static void CheckMax<TShape>(string path)
        where TShape : struct, IPoolingShape
    {
        int inputSize = TShape.Channels * TShape.Height * TShape.Width, outputSize = TShape.Channels * TShape.OutputHeight * TShape.OutputWidth;
        MaxPooling forward = path switch
        {
            "Vector256" => Pooling.MaxForwardVector256<TShape>,
            "Scalar" => Pooling.MaxForwardScalar<TShape>,
            _ => Pooling.MaxForward<TShape>,
        };
        foreach (int batch in new[] { 0, 1, 3 })
        {
            float[] input = Ties(batch * inputSize, seed: batch * 7 + TShape.Width);
            var (expected, expectedArgMax) = MaxReference<TShape>(input, batch);
            var output = new float[batch * outputSize + 1];
            var argMax = new int[batch * outputSize + 1];
            Array.Fill(output, float.NaN);
            Array.Fill(argMax, -1);
            forward(input, output, argMax, batch, training: true);
            for (int i = 0; i < batch * outputSize; i++)
            {
                Assert.True(expected[i] == output[i] && expectedArgMax[i] == argMax[i],
                    $"{typeof(TShape).Name} on {path}, batch {batch}, output {i}: {output[i]} at {argMax[i]}, expected {expected[i]} at {expectedArgMax[i]}");
            }
            Assert.True(float.IsNaN(output[^1]) && argMax[^1] == -1, $"{typeof(TShape).Name} on {path}: wrote past the batch");

            // Inference: the same maxima (the vector path skips the arg-max).
            var inferred = new float[batch * outputSize + 1];
            forward(input, inferred, new int[batch * outputSize], batch, training: false);
            for (int i = 0; i < batch * outputSize; i++) Assert.True(expected[i] == inferred[i], $"{typeof(TShape).Name} on {path} at inference, batch {batch}, output {i}");

            float[] delta = Ties(batch * outputSize, seed: batch + 1);
            var inputGradient = new float[batch * inputSize + 1];
            Array.Fill(inputGradient, 5f);
            Pooling.MaxBackward<TShape>(delta, inputGradient, argMax, batch);
            var expectedGradient = new double[batch * inputSize];
            for (int i = 0; i < batch * outputSize; i++) expectedGradient[expectedArgMax[i]] += delta[i];
            for (int i = 0; i < batch * inputSize; i++)
            {
                Assert.True(Math.Abs(expectedGradient[i] - inputGradient[i]) <= 1e-5, $"{typeof(TShape).Name} backward, batch {batch}, dx[{i}] = {inputGradient[i]}, expected {expectedGradient[i]}");
            }
            Assert.Equal(5f, inputGradient[^1]);
        }
    }

    private static void CheckAverage<TShape>()
        where TShape : struct, IPoolingShape
    {
        int inputSize = TShape.Channels * TShape.Height * TShape.Width, outputSize = TShape.Channels * TShape.OutputHeight * TShape.OutputWidth;
        int window = TShape.Size * TShape.Size;
        foreach (int batch in new[] { 0, 1, 3 })
        {
            float[] input = Ties(batch * inputSize, seed: batch * 3 + TShape.Height);
            var output = new float[batch * outputSize + 1];
            output[^1] = -9f;
            Pooling.AverageForward<TShape>(input, output, batch);
            float[] delta = Ties(batch * outputSize, seed: batch + 2);
            var inputGradient = new float[batch * inputSize + 1];
            Array.Fill(inputGradient, 5f);
            Pooling.AverageBackward<TShape>(delta, inputGradient, batch);
            var expectedGradient = new double[batch * inputSize];
            ForEachWindow<TShape>(batch, (outputAt, taps) =>
            {
                double sum = 0;
                foreach (int at in taps) sum += input[at];
                Assert.True(Math.Abs(sum / window - output[outputAt]) <= 1e-5, $"{typeof(TShape).Name}, batch {batch}, output {outputAt} = {output[outputAt]}, expected {sum / window}");
                foreach (int at in taps) expectedGradient[at] += (double)delta[outputAt] / window;
            });
            for (int i = 0; i < batch * inputSize; i++)
            {
                Assert.True(Math.Abs(expectedGradient[i] - inputGradient[i]) <= 1e-5, $"{typeof(TShape).Name} backward, batch {batch}, dx[{i}] = {inputGradient[i]}, expected {expectedGradient[i]}");
            }
            Assert.Equal(-9f, output[^1]);
            Assert.Equal(5f, inputGradient[^1]);
        }
    }

    /// <summary>Each window's maximum and the index of its first occurrence in scan order (rows, then columns).</summary>
    private static (float[] Max, int[] ArgMax) MaxReference<TShape>(float[] input, int batch)
        where TShape : struct, IPoolingShape
    {
        int outputSize = TShape.Channels * TShape.OutputHeight * TShape.OutputWidth;
        var max = new float[batch * outputSize];
        var argMax = new int[batch * outputSize];
        ForEachWindow<TShape>(batch, (outputAt, taps) =>
        {
            int best = taps[0];
            foreach (int at in taps) if (input[at] > input[best]) best = at;
            max[outputAt] = input[best];
            argMax[outputAt] = best;
        });
        return (max, argMax);
    }

    private static void ForEachWindow<TShape>(int batch, Action<int, int[]> visit)
        where TShape : struct, IPoolingShape
    {
        for (int plane = 0; plane < batch * TShape.Channels; plane++)
        {
            for (int oy = 0; oy < TShape.OutputHeight; oy++)
            {
                for (int ox = 0; ox < TShape.OutputWidth; ox++)
                {
                    var taps = new int[TShape.Size * TShape.Size];
                    for (int ky = 0; ky < TShape.Size; ky++)
                    {
                        for (int kx = 0; kx < TShape.Size; kx++)
                        {
                            taps[ky * TShape.Size + kx] = plane * TShape.Height * TShape.Width + (oy * TShape.Stride + ky) * TShape.Width + ox * TShape.Stride + kx;
                        }
                    }
                    visit((plane * TShape.OutputHeight + oy) * TShape.OutputWidth + ox, taps);
                }
            }
        }
    }

    /// <summary>Values on a coarse grid of 9 levels, so windows often hold their maximum twice or more.</summary>
    private static float[] Ties(int length, int seed)
    {
        var random = new FastRandom(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = MathF.Round(8 * random.NextFloat()) / 4 - 1;
        return values;
    }
}
