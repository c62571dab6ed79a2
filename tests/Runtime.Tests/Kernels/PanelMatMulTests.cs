using System;
using System.Collections.Generic;
using System.Linq;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Runtime.Tests.Kernels;

/// <summary>
/// <see cref="PanelMatMul"/> against a double-precision reference, on every vector path forced (Vector512 runs in
/// software where AVX-512 is missing), over row counts 0 … 19 (every row block and remainder of 4 and 6) and run-time
/// reductions 0 … 40 (within a slice, on a slice boundary and across several).
/// </summary>
public sealed class PanelMatMulTests
{
    private delegate void Product(ref float left, ref float right, ref float bias, ref float result, float[] rightPanels, float[]? leftRows, int rows, int reduction);

    private delegate void Packing(ref float right, float[] rightPanels);

    public static IEnumerable<object[]> Paths() => [["Vector512"], ["Vector256"], ["Vector128"], ["Scalar"], ["Dispatch"]];

    /// <summary>Every tile <see cref="RegisterTiles"/> offers, on each vector path: panels as wide as the tile, packed ones included.</summary>
    public static IEnumerable<object[]> TilesOnPaths() =>
        from path in new[] { "Vector512", "Vector256", "Vector128" }
        from tile in new[] { "4x2", "6x2", "4x3", "6x3", "4x4", "5x4", "6x4" }
        select new object[] { $"{path}/{tile}" };

    [Theory]
    [MemberData(nameof(Paths))]
    [MemberData(nameof(TilesOnPaths))]
    public void Every_shape_matches_the_reference(string path)
    {
        Check<Panels1>(path);
        Check<Panels5Bias>(path);
        Check<Panels13RowBias>(path);
        Check<Panels16Accumulate>(path);
        Check<Panels29Padded>(path);
        Check<Panels70ReLU>(path);
        Check<Panels131>(path);
        Check<Panels600PanelByPanel>(path);
        Check<Panels45Sliced37ReLU>(path);
        Check<Panels83MinRows>(path);
        Check<Transposed71>(path);
        Check<Transposed150Sliced>(path);
        Check<WeightGradientPanels23x70>(path);
        Check<WeightGradientPanels7x9>(path);
        Check<Packed76>(path);
        Check<PackedTransposed19>(path);
    }

    [Fact]
    public void Panels_packed_once_serve_every_later_product()
    {
        // A recurrent layer packs U once and multiplies every time step from the panels: right is not read again.
        foreach (string path in new[] { "Vector512", "Vector256", "Vector128", "Dispatch" })
        {
            var (left, right, bias, result) = Operands<Packed76>(rows: 9, reduction: 19, seed: 11);
            var panels = Scratch(Packed76.Slice * Packed76.Columns);
            Pack<Packed76>(path, right, panels);
            var expected = Reference<Packed76>(left, right, bias, result, 9, 19);
            Array.Fill(right, float.NaN);
            Run<Packed76>(path, left, right, bias, result, panels, null, 9, 19);
            Compare<Packed76>(path, expected, result, 9, 19);
        }
    }

    [Fact]
    public void Padding_between_rows_is_left_untouched()
    {
        // Panels29Padded writes 29 of every 35 floats: the other 6 keep their sentinel on every path.
        foreach (string path in new[] { "Vector512", "Vector256", "Vector128", "Scalar", "Dispatch" })
        {
            var (left, right, bias, result) = Operands<Panels29Padded>(rows: 13, reduction: 17, seed: 5);
            Array.Fill(result, -7f);
            Run<Panels29Padded>(path, left, right, bias, result, Scratch(Panels29Padded.Slice * Panels29Padded.Columns), null, 13, 17);
            for (int i = 0; i < result.Length; i++)
            {
                if (i % 35 >= 29) Assert.True(result[i] == -7f, $"{path}: padding float {i} was overwritten with {result[i]}");
            }
        }
    }

    [Fact]
    public void Scratch_too_small_is_refused_with_what_it_needs()
    {
        var (left, right, bias, result) = Operands<WeightGradientPanels23x70>(rows: 23, reduction: 9, seed: 1);
        var tooFewPanels = Assert.Throws<ArgumentException>(() => Run<WeightGradientPanels23x70>("Dispatch", left, right, bias, result, new float[559], new float[23 * 8], 23, 9));
        Assert.Contains("needs 560 floats of scratch in rightPanels, got 559", tooFewPanels.Message);
        var noRows = Assert.Throws<ArgumentException>(() => Run<WeightGradientPanels23x70>("Vector256", left, right, bias, result, new float[560], null, 23, 9));
        Assert.Contains("needs 184 floats of scratch in leftRows, got null", noRows.Message);
    }

    [Fact]
    public void Shapes_the_kernel_cannot_run_are_refused_with_what_it_expects()
    {
        var (left, right, bias, result) = Operands<PackedInSlices>(rows: 2, reduction: 20, seed: 1);
        var packed = Assert.Throws<ArgumentException>(() => Pack<PackedInSlices>("Dispatch", right, new float[16 * 8]));
        Assert.Contains("PackedInSlices", packed.Message);
        Assert.Contains("a constant Reduction of at most Slice", packed.Message);
        var (left2, right2, bias2, result2) = Operands<MinRowsTransposed>(rows: 2, reduction: 8, seed: 1);
        var minRows = Assert.Throws<ArgumentException>(() => Run<MinRowsTransposed>("Vector128", left2, right2, bias2, result2, new float[64], null, 2, 8));
        Assert.Contains("MinRows only with right's columns contiguous", minRows.Message);
    }

    private static void Check<TShape>(string path)
        where TShape : struct, IPanelMatMulShape
    {
        int[] rowCounts = TShape.Rows > 0 ? [TShape.Rows] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 17, 19];
        int[] reductions = TShape.Reduction > 0 ? [TShape.Reduction] : [0, 1, 2, 5, 8, 17, 40];
        foreach (int rows in rowCounts)
        {
            foreach (int reduction in reductions)
            {
                var (left, right, bias, result) = Operands<TShape>(rows, reduction, seed: rows * 100 + reduction);
                double[] expected = Reference<TShape>(left, right, bias, result, rows, reduction);
                var panels = Scratch(TShape.Slice * TShape.Columns);
                if (TShape.RightPacked) Pack<TShape>(path, right, panels);
                float[]? leftRows = TShape.LeftCopied ? Scratch(rows * TShape.Slice) : null;
                Run<TShape>(path, left, right, bias, result, panels, leftRows, rows, reduction);
                Compare<TShape>(path, expected, result, rows, reduction);
            }
        }
    }

    private static void Compare<TShape>(string path, double[] expected, float[] result, int rows, int reduction)
        where TShape : struct, IPanelMatMulShape
    {
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < TShape.Columns; j++)
            {
                int at = i * TShape.ResultRowStride + j;
                Assert.True(Math.Abs(expected[at] - result[at]) <= 1e-4 * Math.Max(1, Math.Abs(expected[at])),
                    $"{typeof(TShape).Name} on {path}, {rows} rows, reduction {reduction}: result[{i}, {j}] = {result[at]}, expected {expected[at]}");
            }
        }
    }

    /// <summary>Scratch filled with NaN: a product that reads a float its copies did not write shows it.</summary>
    private static float[] Scratch(int length)
    {
        var scratch = new float[length];
        Array.Fill(scratch, float.NaN);
        return scratch;
    }

    private static void Run<TShape>(string path, float[] left, float[] right, float[] bias, float[] result, float[] rightPanels, float[]? leftRows, int rows, int reduction)
        where TShape : struct, IPanelMatMulShape
    {
        Product product = path switch
        {
            _ when path.Contains('/') => Tiled<TShape>(path).Product,
            "Vector512" => PanelMatMul.MultiplyVector512<TShape>,
            "Vector256" => PanelMatMul.MultiplyVector256<TShape>,
            "Vector128" => PanelMatMul.MultiplyVector128<TShape>,
            "Scalar" => PanelMatMul.MultiplyScalar<TShape>,
            _ => PanelMatMul.Multiply<TShape>,
        };
        product(ref left[0], ref right[0], ref bias[0], ref result[0], rightPanels, leftRows, rows, reduction);
    }

    private static void Pack<TShape>(string path, float[] right, float[] rightPanels)
        where TShape : struct, IPanelMatMulShape
    {
        Packing pack = path switch
        {
            _ when path.Contains('/') => Tiled<TShape>(path).Pack,
            "Vector512" => PanelMatMul.PackRightVector512<TShape>,
            "Vector256" => PanelMatMul.PackRightVector256<TShape>,
            "Vector128" => PanelMatMul.PackRightVector128<TShape>,
            "Scalar" => PanelMatMul.PackRightScalar<TShape>,
            _ => PanelMatMul.PackRight<TShape>,
        };
        pack(ref right[0], rightPanels);
    }

    /// <summary>"Vector256/4x3": that path's product and packing with that register tile.</summary>
    private static (Product Product, Packing Pack) Tiled<TShape>(string path)
        where TShape : struct, IPanelMatMulShape => path.Split('/')[1] switch
        {
            "4x2" => Tiled<TShape, RegisterTiles.Tile4x2>(path),
            "6x2" => Tiled<TShape, RegisterTiles.Tile6x2>(path),
            "4x3" => Tiled<TShape, RegisterTiles.Tile4x3>(path),
            "6x3" => Tiled<TShape, RegisterTiles.Tile6x3>(path),
            "4x4" => Tiled<TShape, RegisterTiles.Tile4x4>(path),
            "5x4" => Tiled<TShape, RegisterTiles.Tile5x4>(path),
            "6x4" => Tiled<TShape, RegisterTiles.Tile6x4>(path),
            var tile => throw new ArgumentException($"no tile {tile}"),
        };

    private static (Product Product, Packing Pack) Tiled<TShape, TTile>(string path)
        where TShape : struct, IPanelMatMulShape
        where TTile : struct, IRegisterTile => path.Split('/')[0] switch
        {
            "Vector512" => (PanelMatMul.MultiplyVector512<TShape, TTile>, PanelMatMul.PackRightVector512<TShape, TTile>),
            "Vector256" => (PanelMatMul.MultiplyVector256<TShape, TTile>, PanelMatMul.PackRightVector256<TShape, TTile>),
            _ => (PanelMatMul.MultiplyVector128<TShape, TTile>, PanelMatMul.PackRightVector128<TShape, TTile>),
        };

    /// <summary>Operands as large as the strides address, plus one float so an empty product still has a first element.</summary>
    private static (float[] Left, float[] Right, float[] Bias, float[] Result) Operands<TShape>(int rows, int reduction, int seed)
        where TShape : struct, IPanelMatMulShape
    {
        var random = new FastRandom(seed);
        float[] Fill(int length)
        {
            var values = new float[length + 1];
            for (int i = 0; i < values.Length; i++) values[i] = 2 * random.NextFloat() - 1;
            return values;
        }
        int leftLength = Math.Max(rows - 1, 0) * TShape.LeftRowStride + Math.Max(reduction - 1, 0) * TShape.LeftReductionStride + 1;
        int rightLength = Math.Max(reduction - 1, 0) * TShape.RightReductionStride + Math.Max(TShape.Columns - 1, 0) * TShape.RightColumnStride + 1;
        return (Fill(leftLength), Fill(rightLength), Fill(Math.Max(rows, TShape.Columns)), Fill(Math.Max(rows, 1) * TShape.ResultRowStride));
    }

    private static double[] Reference<TShape>(float[] left, float[] right, float[] bias, float[] result, int rows, int reduction)
        where TShape : struct, IPanelMatMulShape
    {
        var expected = new double[result.Length];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < TShape.Columns; j++)
            {
                int at = i * TShape.ResultRowStride + j;
                double sum = TShape.Start switch
                {
                    MatMulStart.Zero => 0,
                    MatMulStart.Bias => bias[j],
                    MatMulStart.RowBias => bias[i],
                    _ => result[at],
                };
                for (int k = 0; k < reduction; k++)
                {
                    sum += (double)left[i * TShape.LeftRowStride + k * TShape.LeftReductionStride] * right[k * TShape.RightReductionStride + j * TShape.RightColumnStride];
                }
                expected[at] = TShape.FusedReLU ? Math.Max(sum, 0) : sum;
            }
        }
        return expected;
    }
}
