using System;
using System.Linq;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// The runtime's convolution layer, generic over its shape struct, against a written-out convolution in double
/// precision: forward (im2col and the direct kernel), the convolution fused with 2×2 max pooling, the parameter
/// gradients (columns kept from the forward, or unrolled again for large ones) and the input gradient, on every
/// vector path.
/// </summary>
public sealed class Conv2DLayerTests
{
    // Stride 1, no padding, 10-wide output rows: the direct kernel fits; columns of 27 × 100 are kept.
    private struct Plain : IConv2DShape
    {
        public static int Channels => 3; public static int Height => 12; public static int Width => 12; public static int Filters => 9; public static int KernelSize => 3;
        public static int Stride => 1; public static int PadTop => 0; public static int PadLeft => 0;
        public static int OutputHeight => 10; public static int OutputWidth => 10; public static Activation Activation => Activation.ReLU;
    }

    // Stride 2 with a row and column of zeros above and left (Same padding), sigmoid.
    private struct Strided : IConv2DShape
    {
        public static int Channels => 2; public static int Height => 9; public static int Width => 8; public static int Filters => 5; public static int KernelSize => 3;
        public static int Stride => 2; public static int PadTop => 1; public static int PadLeft => 1;
        public static int OutputHeight => 5; public static int OutputWidth => 4; public static Activation Activation => Activation.Sigmoid;
    }

    // 72 × 256 columns (over 16,384 floats): one sample's at a time, unrolled again for the weight gradient.
    private struct Large : IConv2DShape
    {
        public static int Channels => 8; public static int Height => 18; public static int Width => 18; public static int Filters => 12; public static int KernelSize => 3;
        public static int Stride => 1; public static int PadTop => 0; public static int PadLeft => 0;
        public static int OutputHeight => 16; public static int OutputWidth => 16;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Every_pass_matches_the_reference_on_every_path(int batch)
    {
        Check<Plain, WidestPath>(batch, direct: false);
        Check<Plain, WidestPath>(batch, direct: true);
        Check<Plain, Vector512Path>(batch, direct: false);
        Check<Plain, Vector256Path>(batch, direct: false);
        Check<Plain, Vector128Path>(batch, direct: false);
        Check<Plain, ScalarPath>(batch, direct: false);
        Check<Strided, WidestPath>(batch, direct: true);
        Check<Strided, ScalarPath>(batch, direct: false);
        Check<Large, WidestPath>(batch, direct: false);
        Check<Large, Vector128Path>(batch, direct: false);
    }

    [Fact]
    public void The_pooled_pass_is_the_convolution_then_its_2x2_maximum()
    {
        const int batch = 2;
        var (parameters, input) = (Draw(27 * 9 + 9, 1, 0.3f), Draw(batch * 3 * 12 * 12, 2, 1f));
        var pooled = new float[batch * 9 * 5 * 5];
        Conv2DLayer.PooledForward<Plain>(parameters, 0, 27 * 9, input, pooled, batch);
        var full = Reference<Plain>(parameters, 0, 27 * 9, input, batch);
        for (int b = 0; b < batch; b++)
            for (int f = 0; f < 9; f++)
                for (int y = 0; y < 5; y++)
                    for (int x = 0; x < 5; x++)
                    {
                        int at = ((b * 9 + f) * 10 + 2 * y) * 10 + 2 * x;
                        double max = new[] { full[at], full[at + 1], full[at + 10], full[at + 11] }.Max();
                        Close(max, pooled[((b * 9 + f) * 5 + y) * 5 + x], 27, $"pooled[{b}, {f}, {y}, {x}]");
                    }
    }

    [Fact]
    public void Bad_buffers_and_shapes_are_refused()
    {
        var parameters = new float[27 * 9 + 9];
        var error = Assert.Throws<ArgumentException>(() => Conv2DLayer.Forward<Plain>(parameters, 0, 243, new float[432], new float[899], 1, new float[2700], direct: false));
        Assert.Contains("1 samples need 432 input floats and 900 output floats; the spans hold 432 and 899", error.Message);
        Assert.Throws<ArgumentException>(() => Conv2DLayer.Forward<Plain>(parameters, 0, 243, new float[864], new float[1800], 2, new float[2700], direct: false));
        Assert.Throws<ArgumentOutOfRangeException>(() => Conv2DLayer.Forward<Plain>(parameters, 10, 243, new float[432], new float[900], 1, new float[2700], direct: false));
        Assert.Throws<ArgumentException>(() => Conv2DLayer.InputGradient<Plain>(parameters, 0, new float[900], new float[432], 1, new float[100]));
        Assert.Throws<InvalidOperationException>(() => Conv2DLayer.PooledForward<Strided>(new float[100], 0, 90, new float[144], new float[100], 1));
    }

    private static void Check<TShape, TPath>(int batch, bool direct) where TShape : struct, IConv2DShape where TPath : struct, IKernelPath
    {
        int c = TShape.Channels, h = TShape.Height, w = TShape.Width, f = TShape.Filters, k = TShape.KernelSize;
        int oh = TShape.OutputHeight, ow = TShape.OutputWidth, rows = c * k * k, positions = oh * ow;
        bool keeps = rows * positions <= 16 * 1024;
        const int weightOffset = 4;
        int biasOffset = weightOffset + rows * f;
        var parameters = Draw(biasOffset + f + 2, 3, 0.3f);
        var input = Draw(batch * c * h * w, 4, 1f);
        var delta = Draw(batch * f * positions, 5, 1f);
        var columns = new float[(keeps ? batch : 1) * rows * positions];
        string where = $"{typeof(TShape).Name} on {typeof(TPath).Name}, batch {batch}{(direct ? ", direct" : "")}";

        var output = new float[batch * f * positions];
        Conv2DLayer.Forward<TShape, TPath>(parameters, weightOffset, biasOffset, input, output, batch, columns, direct);
        var expected = Reference<TShape>(parameters, weightOffset, biasOffset, input, batch);
        for (int i = 0; i < output.Length; i++) Close(expected[i], output[i], rows, where + $", output[{i}]");

        // From the forward's columns (or the input unrolled again), added to what the gradients hold. The direct kernel
        // writes no columns: it runs at inference only, so training's forward comes first.
        if (direct) Conv2DLayer.Forward<TShape, TPath>(parameters, weightOffset, biasOffset, input, output, batch, columns, direct: false);
        var gradients = Draw(parameters.Length, 6, 0.1f);
        var before = (float[])gradients.Clone();
        Conv2DLayer.ParameterGradients<TShape, TPath>(gradients, weightOffset, biasOffset, input, delta, batch, columns, new float[positions * f]);
        var inputGradient = new float[input.Length];
        Conv2DLayer.InputGradient<TShape, TPath>(parameters, weightOffset, delta, inputGradient, batch, new float[rows * positions]);

        var weightGradient = new double[rows * f];
        var biasGradient = new double[f];
        var expectedInputGradient = new double[input.Length];
        for (int b = 0; b < batch; b++)
            for (int filter = 0; filter < f; filter++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++)
                    {
                        double d = delta[((b * f + filter) * oh + oy) * ow + ox];
                        biasGradient[filter] += d;
                        for (int ch = 0; ch < c; ch++)
                            for (int ky = 0; ky < k; ky++)
                                for (int kx = 0; kx < k; kx++)
                                {
                                    int y = oy * TShape.Stride + ky - TShape.PadTop, x = ox * TShape.Stride + kx - TShape.PadLeft;
                                    if (y < 0 || y >= h || x < 0 || x >= w) continue;
                                    int r = (ch * k + ky) * k + kx, at = ((b * c + ch) * h + y) * w + x;
                                    weightGradient[r * f + filter] += input[at] * d;
                                    expectedInputGradient[at] += parameters[weightOffset + r * f + filter] * d;
                                }
                    }
        for (int i = 0; i < rows * f; i++) Close(before[weightOffset + i] + weightGradient[i], gradients[weightOffset + i], batch * positions, where + $", dW[{i}]");
        for (int i = 0; i < f; i++) Close(before[biasOffset + i] + biasGradient[i], gradients[biasOffset + i], batch * positions, where + $", db[{i}]");
        for (int i = 0; i < input.Length; i++) Close(expectedInputGradient[i], inputGradient[i], f * k * k, where + $", dx[{i}]");
    }

    private static double[] Reference<TShape>(float[] parameters, int weightOffset, int biasOffset, float[] input, int batch) where TShape : struct, IConv2DShape
    {
        int c = TShape.Channels, h = TShape.Height, w = TShape.Width, f = TShape.Filters, k = TShape.KernelSize, oh = TShape.OutputHeight, ow = TShape.OutputWidth;
        var output = new double[batch * f * oh * ow];
        for (int b = 0; b < batch; b++)
            for (int filter = 0; filter < f; filter++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++)
                    {
                        double sum = parameters[biasOffset + filter];
                        for (int ch = 0; ch < c; ch++)
                            for (int ky = 0; ky < k; ky++)
                                for (int kx = 0; kx < k; kx++)
                                {
                                    int y = oy * TShape.Stride + ky - TShape.PadTop, x = ox * TShape.Stride + kx - TShape.PadLeft;
                                    if (y < 0 || y >= h || x < 0 || x >= w) continue;
                                    sum += (double)input[((b * c + ch) * h + y) * w + x] * parameters[weightOffset + ((ch * k + ky) * k + kx) * f + filter];
                                }
                        output[((b * f + filter) * oh + oy) * ow + ox] = TShape.Activation switch
                        {
                            Activation.ReLU => Math.Max(sum, 0),
                            Activation.Sigmoid => 1 / (1 + Math.Exp(-sum)),
                            Activation.Tanh => Math.Tanh(sum),
                            _ => sum,
                        };
                    }
        return output;
    }

    private static float[] Draw(int count, int seed, float scale)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();
    }

    private static void Close(double expected, float actual, int terms, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5 + 2e-6 * Math.Max(terms, 1) * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");
}
