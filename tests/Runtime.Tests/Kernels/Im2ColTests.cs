using System;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Runtime.Tests.Kernels;

/// <summary>
/// <see cref="Im2Col"/>'s unrolling against its definition, and its fold against the adjoint of that definition
/// (each image float the sum of the column entries that read it), over padded, strided and plain shapes.
/// </summary>
public sealed class Im2ColTests
{
    [Fact]
    public void Every_shape_unrolls_and_folds_as_defined()
    {
        Check<Plain28Kernel3>();
        Check<Plain11Kernel5>();
        Check<Plain4Kernel2>();
        Check<Plain70Kernel3>();
        Check<Same9x11Kernel3>();
        Check<Same8Kernel4>();
        Check<Stride2Valid>();
        Check<Stride2Same>();
        Check<Stride1LastColumnUnread>();
        Check<Same28Kernel3>();
        Check<Stride2Pad1On28>();
        Check<Stride2Kernel1>();
        Check<Pad1Kernel2Wider>();
        Check<Stride3Pad2Kernel5>();
    }

    [Fact]
    public void Spans_of_the_wrong_size_are_refused_with_the_sizes_expected()
    {
        var error = Assert.Throws<ArgumentException>(() => Im2Col.Unroll<Plain11Kernel5>(new float[3 * 9 * 11], new float[75 * 35 - 1]));
        Assert.Contains("expected an image of 297 floats ([3, 9, 11]) and columns of 2625 ([75, 35]); got 297 and 2624", error.Message);
        Assert.Throws<ArgumentException>(() => Im2Col.Fold<Plain11Kernel5>(new float[75 * 35], new float[3 * 9 * 11 + 1]));
    }

    private const int Guard = 64;
    private const float GuardValue = -12345f;

    private static void AssertGuards(float[] withGuards, int size, string what)
    {
        for (int i = 0; i < Guard; i++)
        {
            Assert.True(withGuards[i] == GuardValue && withGuards[Guard + size + i] == GuardValue, $"{what}: a float outside the span was written ({i} from its edge)");
        }
    }

    private static void Check<TShape>()
        where TShape : struct, IIm2ColShape
    {
        int imageSize = TShape.Channels * TShape.Height * TShape.Width;
        int positions = TShape.OutputHeight * TShape.OutputWidth;
        int rows = TShape.Channels * TShape.KernelSize * TShape.KernelSize;
        var random = new FastRandom(TShape.Width * 31 + TShape.KernelSize);
        var image = new float[imageSize];
        for (int i = 0; i < image.Length; i++) image[i] = 2 * random.NextFloat() - 1;
        // Both outputs sit between guard floats, which must come out untouched: the kernels write through unchecked refs.
        var columnsWithGuards = new float[rows * positions + 2 * Guard];
        Array.Fill(columnsWithGuards, float.NaN);
        Array.Fill(columnsWithGuards, GuardValue, 0, Guard);
        Array.Fill(columnsWithGuards, GuardValue, Guard + rows * positions, Guard);
        Im2Col.Unroll<TShape>(image, columnsWithGuards.AsSpan(Guard, rows * positions));
        var columns = columnsWithGuards.AsSpan(Guard, rows * positions).ToArray();
        AssertGuards(columnsWithGuards, rows * positions, typeof(TShape).Name + " columns");

        var gradient = new float[rows * positions];
        for (int i = 0; i < gradient.Length; i++) gradient[i] = 2 * random.NextFloat() - 1;
        var foldedWithGuards = new float[imageSize + 2 * Guard];
        Array.Fill(foldedWithGuards, 9f);
        Array.Fill(foldedWithGuards, GuardValue, 0, Guard);
        Array.Fill(foldedWithGuards, GuardValue, Guard + imageSize, Guard);
        Im2Col.Fold<TShape>(gradient, foldedWithGuards.AsSpan(Guard, imageSize));
        var folded = foldedWithGuards.AsSpan(Guard, imageSize).ToArray();
        AssertGuards(foldedWithGuards, imageSize, typeof(TShape).Name + " image");
        var expectedFold = new double[imageSize];

        for (int c = 0; c < TShape.Channels; c++)
        {
            for (int ky = 0; ky < TShape.KernelSize; ky++)
            {
                for (int kx = 0; kx < TShape.KernelSize; kx++)
                {
                    int row = (c * TShape.KernelSize + ky) * TShape.KernelSize + kx;
                    for (int oy = 0; oy < TShape.OutputHeight; oy++)
                    {
                        for (int ox = 0; ox < TShape.OutputWidth; ox++)
                        {
                            int iy = oy * TShape.Stride + ky - TShape.PadTop, ix = ox * TShape.Stride + kx - TShape.PadLeft;
                            bool inside = iy >= 0 && iy < TShape.Height && ix >= 0 && ix < TShape.Width;
                            int at = row * positions + oy * TShape.OutputWidth + ox;
                            float expected = inside ? image[(c * TShape.Height + iy) * TShape.Width + ix] : 0f;
                            Assert.True(expected.Equals(columns[at]), $"{typeof(TShape).Name}: columns[{row}, {oy}, {ox}] = {columns[at]}, expected {expected}");
                            if (inside) expectedFold[(c * TShape.Height + iy) * TShape.Width + ix] += gradient[at];
                        }
                    }
                }
            }
        }
        for (int i = 0; i < imageSize; i++)
        {
            Assert.True(Math.Abs(expectedFold[i] - folded[i]) <= 1e-5, $"{typeof(TShape).Name}: folded image[{i}] = {folded[i]}, expected {expectedFold[i]}");
        }
    }
}
