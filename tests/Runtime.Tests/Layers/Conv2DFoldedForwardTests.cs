using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// <see cref="Conv2DLayer.FoldedForward{TShape}"/>, a convolution and the BatchNorm after it in one inference pass, against
/// the two layers written out in double precision (W ⊛ x + b, then γ·(z − running mean)/√(running variance + ε) + β per
/// filter, then the activation): the direct kernel where it fits and im2col with the product on every kernel path, kept
/// and per-sample columns, with the slices at offsets in a longer parameter vector, buffers longer than the samples used
/// and nothing written past them; the pass fused with the 2×2 max pooling after the BatchNorm against that pooling of
/// the reference. The direct kernels' scaled store is also checked on both their vector widths.
/// </summary>
public sealed class Conv2DFoldedForwardTests
{
    // Stride 1, no padding, 10-wide output rows: the direct kernel fits (on Vector256); columns of 27 × 100 are kept.
    private struct Plain : IConv2DShape
    {
        public static int Channels => 3; public static int Height => 12; public static int Width => 12; public static int Filters => 9; public static int KernelSize => 3;
        public static int OutputHeight => 10; public static int OutputWidth => 10; public static Activation Activation => Activation.ReLU;
    }

    // Stride 2 with Same padding, tanh: im2col only, so the folded product runs on every path whatever the machine.
    private struct Strided : IConv2DShape
    {
        public static int Channels => 2; public static int Height => 9; public static int Width => 8; public static int Filters => 5; public static int KernelSize => 3;
        public static int Stride => 2; public static int PadTop => 1; public static int PadLeft => 1;
        public static int OutputHeight => 5; public static int OutputWidth => 4; public static Activation Activation => Activation.Tanh;
    }

    // 72 × 256 columns (over 16,384 floats): one sample's at a time; no activation after the fold.
    private struct Large : IConv2DShape
    {
        public static int Channels => 8; public static int Height => 18; public static int Width => 18; public static int Filters => 12; public static int KernelSize => 3;
        public static int OutputHeight => 16; public static int OutputWidth => 16;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Matches_the_two_layers_on_every_path(int batch)
    {
        Check<Plain, WidestPath>(batch);
        Check<Plain, Vector512Path>(batch);
        Check<Plain, Vector256Path>(batch);
        Check<Plain, Vector128Path>(batch);
        Check<Plain, ScalarPath>(batch);
        Check<Strided, WidestPath>(batch);
        Check<Strided, Vector512Path>(batch);
        Check<Strided, Vector256Path>(batch);
        Check<Strided, Vector128Path>(batch);
        Check<Strided, ScalarPath>(batch);
        Check<Large, WidestPath>(batch);
        Check<Large, Vector128Path>(batch);
    }

    [Fact]
    public void The_direct_kernel_scales_and_shifts_on_both_widths()
    {
        var (parameters, input, offsets) = Draw<Plain>(1);
        var fold = new float[2 * Plain.Filters];
        int f = Plain.Filters;
        BatchNormalization.Fold(new ReadOnlySpan<float>(parameters, offsets.Gain, f), new ReadOnlySpan<float>(parameters, offsets.NormBias, f),
            new ReadOnlySpan<float>(parameters, offsets.Mean, f), new ReadOnlySpan<float>(parameters, offsets.Variance, f),
            new ReadOnlySpan<float>(parameters, offsets.Bias, f), fold, f, Epsilon);
        var expected = Reference<Plain>(parameters, offsets, input, 1);
        int outputSize = f * Plain.OutputHeight * Plain.OutputWidth;
        foreach (bool wide in Vector256.IsHardwareAccelerated ? new[] { false, true } : new[] { false })
        {
            var output = new float[outputSize];
            ref float weights = ref parameters[offsets.Weight];
            if (wide) DirectConvolution.ForwardVector256<Conv2DScaledDirect<Plain>>(ref MemoryMarshal.GetArrayDataReference(input), ref weights, ref fold[0], ref output[0]);
            else DirectConvolution.ForwardVector128<Conv2DScaledDirect<Plain>>(ref MemoryMarshal.GetArrayDataReference(input), ref weights, ref fold[0], ref output[0]);
            for (int i = 0; i < outputSize; i++) Close(expected[i], output[i], $"direct {(wide ? "Vector256" : "Vector128")}, output {i}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void The_pooled_pass_is_the_folded_pass_then_its_2x2_maximum(int batch)
    {
        var (parameters, input, o) = Draw<Plain>(batch);
        int f = Plain.Filters, oh = Plain.OutputHeight, ow = Plain.OutputWidth, pooledSize = f * (oh / 2) * (ow / 2);
        var expected = Reference<Plain>(parameters, o, input, batch);
        var pooled = new double[batch * pooledSize];
        var output = Enumerable.Repeat(float.NaN, batch * pooledSize + 3).ToArray();
        Conv2DLayer.FoldedPooledForward<Plain>(parameters, o.Weight, o.Bias, o.Gain, o.NormBias, o.Mean, o.Variance, input, output, batch, Epsilon, new float[2 * f]);
        for (int b = 0; b < batch; b++)
            for (int filter = 0; filter < f; filter++)
                for (int py = 0; py < oh / 2; py++)
                    for (int px = 0; px < ow / 2; px++)
                    {
                        double max = double.NegativeInfinity;
                        for (int dy = 0; dy < 2; dy++)
                            for (int dx = 0; dx < 2; dx++) max = Math.Max(max, expected[((b * f + filter) * oh + 2 * py + dy) * ow + 2 * px + dx]);
                        int at = ((b * f + filter) * (oh / 2) + py) * (ow / 2) + px;
                        pooled[at] = max;
                        Close(max, output[at], $"pooled, batch {batch}, output {at}");
                    }
        Assert.All(output.Skip(batch * pooledSize), value => Assert.True(float.IsNaN(value)));

        // The kernel's scaled store before the maximum, on both its widths.
        if (batch == 0) return;
        var fold = new float[2 * f];
        BatchNormalization.Fold(new ReadOnlySpan<float>(parameters, o.Gain, f), new ReadOnlySpan<float>(parameters, o.NormBias, f),
            new ReadOnlySpan<float>(parameters, o.Mean, f), new ReadOnlySpan<float>(parameters, o.Variance, f),
            new ReadOnlySpan<float>(parameters, o.Bias, f), fold, f, Epsilon);
        foreach (bool wide in Vector256.IsHardwareAccelerated ? new[] { false, true } : new[] { false })
        {
            var sample = new float[pooledSize];
            if (wide) DirectConvolution.PooledForwardVector256<Conv2DScaledDirect<Plain>>(ref MemoryMarshal.GetArrayDataReference(input), ref parameters[o.Weight], ref fold[0], ref sample[0]);
            else DirectConvolution.PooledForwardVector128<Conv2DScaledDirect<Plain>>(ref MemoryMarshal.GetArrayDataReference(input), ref parameters[o.Weight], ref fold[0], ref sample[0]);
            for (int i = 0; i < pooledSize; i++) Close(pooled[i], sample[i], $"pooled direct {(wide ? "Vector256" : "Vector128")}, output {i}");
        }
    }

    [Fact]
    public void A_shape_the_pooled_pass_cannot_take_is_refused()
    {
        var (parameters, input, o) = Draw<Strided>(1);
        var error = Assert.Throws<InvalidOperationException>(() => Conv2DLayer.FoldedPooledForward<Strided>(parameters, o.Weight, o.Bias, o.Gain, o.NormBias, o.Mean, o.Variance, input, new float[100], 1, Epsilon, new float[10]));
        Assert.Contains("needs stride 1, no padding, at least 8 filters", error.Message);
    }

    [Fact]
    public void Bad_buffers_and_offsets_are_refused_with_what_was_wrong()
    {
        var (parameters, input, o) = Draw<Plain>(2);
        int outputSize = Plain.Filters * 100;
        var output = new float[2 * outputSize];
        var fold = new float[2 * Plain.Filters];
        var columns = new float[2 * 27 * 100];
        var error = Assert.Throws<ArgumentException>(() => Conv2DLayer.FoldedForward<Plain>(parameters, o.Weight, o.Bias, o.Gain, o.NormBias, o.Mean, o.Variance, input.AsSpan(0, 431), output, 2, Epsilon, fold, columns));
        Assert.Contains("2 samples need 864 input floats", error.Message);
        Assert.Throws<ArgumentException>(() => Conv2DLayer.FoldedForward<Plain>(parameters, o.Weight, o.Bias, o.Gain, o.NormBias, o.Mean, o.Variance, input, output.AsSpan(1), 2, Epsilon, fold, columns));
        Assert.Throws<ArgumentOutOfRangeException>(() => Conv2DLayer.FoldedForward<Plain>(parameters, parameters.Length - 5, o.Bias, o.Gain, o.NormBias, o.Mean, o.Variance, input, output, 2, Epsilon, fold, columns));
        Assert.Throws<ArgumentOutOfRangeException>(() => Conv2DLayer.FoldedForward<Plain>(parameters, o.Weight, parameters.Length - 5, o.Gain, o.NormBias, o.Mean, o.Variance, input, output, 2, Epsilon, fold, columns));
        var offset = Assert.Throws<ArgumentOutOfRangeException>(() => Conv2DLayer.FoldedForward<Plain>(parameters, o.Weight, o.Bias, -1, o.NormBias, o.Mean, o.Variance, input, output, 2, Epsilon, fold, columns));
        Assert.Contains("gainOffset", offset.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Conv2DLayer.FoldedForward<Plain>(parameters, o.Weight, o.Bias, o.Gain, parameters.Length - 5, o.Mean, o.Variance, input, output, 2, Epsilon, fold, columns));
        Assert.Throws<ArgumentOutOfRangeException>(() => Conv2DLayer.FoldedForward<Plain>(parameters, o.Weight, o.Bias, o.Gain, o.NormBias, parameters.Length - 5, o.Variance, input, output, 2, Epsilon, fold, columns));
        Assert.Throws<ArgumentOutOfRangeException>(() => Conv2DLayer.FoldedForward<Plain>(parameters, o.Weight, o.Bias, o.Gain, o.NormBias, o.Mean, parameters.Length - 5, input, output, 2, Epsilon, fold, columns));
        error = Assert.Throws<ArgumentException>(() => Conv2DLayer.FoldedForward<Plain>(parameters, o.Weight, o.Bias, o.Gain, o.NormBias, o.Mean, o.Variance, input, output, 2, Epsilon, new float[17], columns));
        Assert.Contains("fold must hold at least 18 floats; it holds 17", error.Message);
        error = Assert.Throws<ArgumentException>(() => Conv2DLayer.FoldedForward<Plain>(parameters, o.Weight, o.Bias, o.Gain, o.NormBias, o.Mean, o.Variance, input, output, 2, Epsilon, fold, new float[27 * 100]));
        Assert.Contains("columns must hold at least 5400 floats", error.Message);
    }

    private const float Epsilon = 1e-3f;

    private readonly record struct Offsets(int Weight, int Bias, int Gain, int NormBias, int Mean, int Variance);

    /// <summary>Parameters with the convolution's and the BatchNorm's slices at offsets (gains of both signs, variances away from 0), and an input with spare floats.</summary>
    private static (float[] Parameters, float[] Input, Offsets Offsets) Draw<TShape>(int batch) where TShape : struct, IConv2DShape
    {
        int f = TShape.Filters, weights = TShape.Channels * TShape.KernelSize * TShape.KernelSize * f;
        var o = new Offsets(Weight: 5, Bias: 5 + weights, Gain: 7 + weights + f, NormBias: 7 + weights + 2 * f, Mean: 8 + weights + 3 * f, Variance: 8 + weights + 4 * f);
        var random = new Random(weights + batch);
        float Uniform(double scale) => (float)((random.NextDouble() * 2 - 1) * scale);
        var parameters = Enumerable.Range(0, o.Variance + f + 3).Select(_ => Uniform(0.3)).ToArray();
        for (int j = 0; j < f; j++)
        {
            parameters[o.Gain + j] = (float)((random.NextDouble() < 0.3 ? -1 : 1) * (0.5 + random.NextDouble()));
            parameters[o.Variance + j] = (float)(0.2 + 2 * random.NextDouble());
        }
        var input = Enumerable.Range(0, batch * TShape.Channels * TShape.Height * TShape.Width + 3).Select(_ => Uniform(1)).ToArray();
        return (parameters, input, o);
    }

    private static void Check<TShape, TPath>(int batch)
        where TShape : struct, IConv2DShape
        where TPath : struct, IKernelPath
    {
        var (parameters, input, o) = Draw<TShape>(batch);
        var before = (float[])parameters.Clone();
        int outputSize = TShape.Filters * TShape.OutputHeight * TShape.OutputWidth;
        int columnsSize = TShape.Channels * TShape.KernelSize * TShape.KernelSize * TShape.OutputHeight * TShape.OutputWidth;
        var columns = new float[columnsSize <= 16 * 1024 ? Math.Max(batch, 1) * columnsSize : columnsSize];
        var output = Enumerable.Repeat(float.NaN, batch * outputSize + 3).ToArray();
        Conv2DLayer.FoldedForward<TShape, TPath>(parameters, o.Weight, o.Bias, o.Gain, o.NormBias, o.Mean, o.Variance, input, output, batch, Epsilon, new float[2 * TShape.Filters + 2], columns);
        var expected = Reference<TShape>(parameters, o, input, batch);
        for (int i = 0; i < batch * outputSize; i++) Close(expected[i], output[i], $"{typeof(TShape).Name} on {typeof(TPath).Name}, batch {batch}, output {i}");
        Assert.All(output.Skip(batch * outputSize), value => Assert.True(float.IsNaN(value)));
        Assert.Equal(before, parameters);
    }

    private static double[] Reference<TShape>(float[] parameters, Offsets o, float[] input, int batch) where TShape : struct, IConv2DShape
    {
        int c = TShape.Channels, h = TShape.Height, w = TShape.Width, f = TShape.Filters, k = TShape.KernelSize, oh = TShape.OutputHeight, ow = TShape.OutputWidth;
        var output = new double[batch * f * oh * ow];
        for (int b = 0; b < batch; b++)
            for (int filter = 0; filter < f; filter++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++)
                    {
                        double sum = parameters[o.Bias + filter];
                        for (int ch = 0; ch < c; ch++)
                            for (int ky = 0; ky < k; ky++)
                                for (int kx = 0; kx < k; kx++)
                                {
                                    int y = oy * TShape.Stride + ky - TShape.PadTop, x = ox * TShape.Stride + kx - TShape.PadLeft;
                                    if (y < 0 || y >= h || x < 0 || x >= w) continue;
                                    sum += (double)input[((b * c + ch) * h + y) * w + x] * parameters[o.Weight + ((ch * k + ky) * k + kx) * f + filter];
                                }
                        double z = parameters[o.Gain + filter] * (sum - parameters[o.Mean + filter]) / Math.Sqrt(parameters[o.Variance + filter] + (double)Epsilon)
                            + parameters[o.NormBias + filter];
                        output[((b * f + filter) * oh + oy) * ow + ox] = TShape.Activation switch
                        {
                            Activation.ReLU => Math.Max(z, 0),
                            Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
                            Activation.Tanh => Math.Tanh(z),
                            _ => z,
                        };
                    }
        return output;
    }

    private static void Close(double expected, float actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-4 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");
}
