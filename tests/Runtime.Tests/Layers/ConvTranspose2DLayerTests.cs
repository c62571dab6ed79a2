using System;
using System.Linq;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// The runtime's ConvTranspose2D layer against PyTorch's definition written out in double precision: forward with each
/// activation, the parameter gradients (added to what is there) and the input gradient, with the weights and bias at
/// offsets in a longer parameter vector, on buffers longer than the rows used and nothing written past them.
/// </summary>
public sealed class ConvTranspose2DLayerTests
{
    public static TheoryData<int, int, int, int, int, int, int> Shapes() => new()
    {
        // channels, height, width, filters, kernel, stride, padding
        { 4, 3, 3, 8, 4, 2, 1 },
        { 8, 6, 6, 1, 3, 1, 1 },
        { 2, 3, 4, 5, 3, 2, 0 },
        { 3, 2, 5, 17, 2, 3, 0 },
        { 1, 1, 1, 1, 1, 1, 0 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_pass_matches_the_reference(int channels, int height, int width, int filters, int kernel, int stride, int padding)
    {
        var shape = new TransposedConvolutionShape(channels, height, width, filters, kernel, stride, padding);
        foreach (int rows in new[] { 0, 1, 3 })
        {
            foreach (var activation in Enum.GetValues<Activation>()) Check(shape, rows, activation);
        }
    }

    [Fact]
    public void Bad_buffers_and_offsets_are_refused_with_what_was_wrong()
    {
        var shape = new TransposedConvolutionShape(2, 2, 2, 3, 2, 2, 0); // 8 inputs, 3 × 4 × 4 = 48 outputs, 24 weights
        var parameters = new float[24 + 3];
        float[] columns = new float[shape.ColumnsSize], planes = new float[shape.PlanesSize];
        var error = Assert.Throws<ArgumentException>(() => ConvTranspose2DLayer.Forward(parameters, 0, 24, new float[15], new float[96], 2, shape, Activation.Linear, columns, planes));
        Assert.Contains("input holds 15 floats; 2 rows of 8 need 16", error.Message);
        Assert.Throws<ArgumentException>(() => ConvTranspose2DLayer.Forward(parameters, 0, 24, new float[16], new float[95], 2, shape, Activation.Linear, columns, planes));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConvTranspose2DLayer.Forward(parameters, 0, 25, new float[16], new float[96], 2, shape, Activation.Linear, columns, planes));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConvTranspose2DLayer.Forward(parameters, 4, 24, new float[16], new float[96], 2, shape, Activation.Linear, columns, planes));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConvTranspose2DLayer.Forward(parameters, -1, 24, new float[16], new float[96], 2, shape, Activation.Linear, columns, planes));
        error = Assert.Throws<ArgumentException>(() => ConvTranspose2DLayer.Forward(parameters, 0, 24, new float[16], new float[96], 2, shape, Activation.Linear, new float[shape.ColumnsSize - 1], planes));
        Assert.Contains("columns must hold at least", error.Message);
        Assert.Throws<ArgumentException>(() => ConvTranspose2DLayer.Forward(parameters, 0, 24, new float[16], new float[96], 2, shape, Activation.Linear, columns, new float[shape.PlanesSize - 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConvTranspose2DLayer.ParameterGradients(parameters, 0, 25, new float[16], new float[96], 2, shape, columns));
        Assert.Throws<ArgumentException>(() => ConvTranspose2DLayer.ParameterGradients(parameters, 0, 24, new float[16], new float[95], 2, shape, columns));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConvTranspose2DLayer.InputGradient(parameters, 4, new float[96], new float[16], 2, shape, columns));
        error = Assert.Throws<ArgumentException>(() => ConvTranspose2DLayer.InputGradient(parameters, 0, new float[96], new float[15], 2, shape, columns));
        Assert.Contains("inputGradient holds 15 floats", error.Message);
    }

    private static void Check(TransposedConvolutionShape s, int rows, Activation activation)
    {
        const int weightOffset = 5, spare = 3;
        int weights = s.Channels * s.Kernel * s.Kernel * s.Filters, biasOffset = weightOffset + weights;
        var random = new Random(s.GetHashCode() + rows * 7 + (int)activation);
        float[] Draw(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var parameters = Draw(biasOffset + s.Filters + spare);
        var input = Draw(rows * s.InputSize + spare);
        var delta = Draw(rows * s.OutputSize + spare);
        float[] columns = new float[s.ColumnsSize], planes = new float[s.PlanesSize];
        string what = $"{s}, {rows} rows, {activation}";

        // Reference: y[r, f, oy, ox] = b[f] + Σ x[r, c, iy, ix]·W[c, ky, kx, f] over oy = iy·stride − padding + ky.
        int oh = s.OutputHeight, ow = s.OutputWidth, k = s.Kernel;
        var z = new double[rows * s.OutputSize];
        var dx = new double[rows * s.InputSize];
        var dw = new double[weights];
        var db = new double[s.Filters];
        for (int r = 0; r < rows; r++)
        {
            for (int f = 0; f < s.Filters; f++)
            for (int o = 0; o < oh * ow; o++)
            {
                z[r * s.OutputSize + f * oh * ow + o] = parameters[biasOffset + f];
                db[f] += delta[r * s.OutputSize + f * oh * ow + o];
            }
            for (int c = 0; c < s.Channels; c++)
            for (int iy = 0; iy < s.Height; iy++)
            for (int ix = 0; ix < s.Width; ix++)
            for (int ky = 0; ky < k; ky++)
            for (int kx = 0; kx < k; kx++)
            for (int f = 0; f < s.Filters; f++)
            {
                int oy = iy * s.Stride - s.Padding + ky, ox = ix * s.Stride - s.Padding + kx;
                if (oy < 0 || oy >= oh || ox < 0 || ox >= ow) continue;
                int at = r * s.InputSize + (c * s.Height + iy) * s.Width + ix;
                int produced = r * s.OutputSize + (f * oh + oy) * ow + ox;
                int weight = ((c * k + ky) * k + kx) * s.Filters + f;
                z[produced] += (double)input[at] * parameters[weightOffset + weight];
                dx[at] += (double)delta[produced] * parameters[weightOffset + weight];
                dw[weight] += (double)delta[produced] * input[at];
            }
        }

        // Forward, the activation over each whole output row.
        var output = Enumerable.Repeat(float.NaN, rows * s.OutputSize + spare).ToArray();
        ConvTranspose2DLayer.Forward(parameters, weightOffset, biasOffset, input, output, rows, s, activation, columns, planes);
        for (int r = 0; r < rows; r++)
        {
            var expected = Activate(z.Skip(r * s.OutputSize).Take(s.OutputSize).ToArray(), activation);
            for (int i = 0; i < s.OutputSize; i++) Close(expected[i], output[r * s.OutputSize + i], $"forward {what}, row {r}, element {i}");
        }
        Assert.All(output.Skip(rows * s.OutputSize), value => Assert.True(float.IsNaN(value)));

        // Parameter gradients, added to what is there; nothing outside the layer's slices changes.
        var gradients = Draw(parameters.Length);
        var before = (float[])gradients.Clone();
        ConvTranspose2DLayer.ParameterGradients(gradients, weightOffset, biasOffset, input, delta, rows, s, columns);
        for (int i = 0; i < weights; i++) Close(before[weightOffset + i] + dw[i], gradients[weightOffset + i], $"weight gradient {what}, {i}");
        for (int f = 0; f < s.Filters; f++) Close(before[biasOffset + f] + db[f], gradients[biasOffset + f], $"bias gradient {what}, {f}");
        Assert.Equal(before.Take(weightOffset), gradients.Take(weightOffset));
        Assert.Equal(before.Skip(biasOffset + s.Filters), gradients.Skip(biasOffset + s.Filters));

        // Input gradient.
        var inputGradient = Enumerable.Repeat(float.NaN, rows * s.InputSize + spare).ToArray();
        ConvTranspose2DLayer.InputGradient(parameters, weightOffset, delta, inputGradient, rows, s, columns);
        for (int i = 0; i < rows * s.InputSize; i++) Close(dx[i], inputGradient[i], $"input gradient {what}, {i}");
        Assert.All(inputGradient.Skip(rows * s.InputSize), value => Assert.True(float.IsNaN(value)));
    }

    private static double[] Activate(double[] z, Activation activation)
    {
        switch (activation)
        {
            case Activation.ReLU: return z.Select(v => Math.Max(v, 0)).ToArray();
            case Activation.Sigmoid: return z.Select(v => 1 / (1 + Math.Exp(-v))).ToArray();
            case Activation.Tanh: return z.Select(Math.Tanh).ToArray();
            case Activation.Softmax:
                double max = z.Max();
                var e = z.Select(v => Math.Exp(v - max)).ToArray();
                double total = e.Sum();
                return e.Select(v => v / total).ToArray();
            default: return z;
        }
    }

    private static void Close(double expected, float actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5 * (1 + Math.Abs(expected)), $"{what}: got {actual}, expected {expected}");
}
