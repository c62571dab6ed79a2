using System;
using System.Collections.Generic;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Runtime.Tests.Kernels;

/// <summary>
/// <see cref="TransposedConvolution"/> against PyTorch's definition in double precision, over kernels 1–4, strides 1–3
/// (past the kernel too, leaving outputs no input reaches), paddings 0–2, odd sizes and filter counts on both sides of the
/// vector widths, and 0–2 rows.
/// </summary>
public sealed class TransposedConvolutionTests
{
    public static IEnumerable<object[]> Shapes()
    {
        foreach (int kernel in new[] { 1, 2, 3, 4 })
        foreach (int stride in new[] { 1, 2, 3 })
        foreach (int padding in new[] { 0, 1, 2 })
        foreach (var (channels, height, width, filters) in new[] { (1, 1, 1, 1), (2, 3, 4, 5), (3, 2, 5, 17), (1, 4, 3, 9) })
        {
            var shape = new TransposedConvolutionShape(channels, height, width, filters, kernel, stride, padding);
            if (shape.OutputHeight >= 1 && shape.OutputWidth >= 1) yield return [shape];
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_and_gradients_match_the_definition(TransposedConvolutionShape shape)
    {
        foreach (int rows in new[] { 0, 1, 2 })
        {
            var random = new Random(shape.GetHashCode() + rows);
            float[] Random(int length) { var v = new float[length]; for (int i = 0; i < length; i++) v[i] = (float)(random.NextDouble() * 2 - 1); return v; }
            int weights = shape.Channels * shape.Kernel * shape.Kernel * shape.Filters;
            float[] x = Random(rows * shape.InputSize), w = Random(weights), b = Random(shape.Filters), dz = Random(rows * shape.OutputSize);
            var columns = new float[shape.ColumnsSize];
            var planes = new float[shape.PlanesSize];

            var y = new float[rows * shape.OutputSize];
            TransposedConvolution.Forward(x, w, b, y, columns, planes, rows, shape);
            var dw = new float[weights];
            var db = new float[shape.Filters];
            TransposedConvolution.ParameterGradients(x, dz, dw, db, columns, rows, shape);
            var dx = new float[rows * shape.InputSize];
            TransposedConvolution.InputGradient(dz, w, dx, columns, rows, shape);

            var (ey, edx, edw, edb) = Reference(shape, rows, x, w, b, dz);
            Close(ey, y, $"forward {shape}, {rows} rows");
            Close(edx, dx, $"input gradient {shape}, {rows} rows");
            Close(edw, dw, $"weight gradient {shape}, {rows} rows");
            Close(edb, db, $"bias gradient {shape}, {rows} rows");
        }
    }

    private static (double[] Y, double[] Dx, double[] Dw, double[] Db) Reference(
        TransposedConvolutionShape s, int rows, float[] x, float[] w, float[] b, float[] dz)
    {
        int oh = s.OutputHeight, ow = s.OutputWidth, k = s.Kernel;
        var y = new double[rows * s.OutputSize];
        var dx = new double[rows * s.InputSize];
        var dw = new double[w.Length];
        var db = new double[s.Filters];
        for (int r = 0; r < rows; r++)
        {
            for (int f = 0; f < s.Filters; f++)
            for (int o = 0; o < oh * ow; o++)
            {
                y[r * s.OutputSize + f * oh * ow + o] = b[f];
                db[f] += dz[r * s.OutputSize + f * oh * ow + o];
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
                int input = r * s.InputSize + (c * s.Height + iy) * s.Width + ix;
                int output = r * s.OutputSize + (f * oh + oy) * ow + ox;
                int weight = ((c * k + ky) * k + kx) * s.Filters + f;
                y[output] += (double)x[input] * w[weight];
                dx[input] += (double)dz[output] * w[weight];
                dw[weight] += (double)dz[output] * x[input];
            }
        }
        return (y, dx, dw, db);
    }

    private static void Close(double[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * (1 + Math.Abs(expected[i])), $"{what}: element {i} is {actual[i]}, expected {expected[i]}");
        }
    }
}
