using System;
using System.Collections.Generic;
using System.Linq;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Runtime.Tests.Kernels;

/// <summary>
/// <see cref="MatMul"/> against a double-precision reference, on every vector path forced (Vector512 runs in software
/// where AVX-512 is missing), over row counts 0 … 13 (every row block and remainder) and reductions 0 … 40.
/// </summary>
public sealed class MatMulTests
{
    private delegate void Product(ref float left, ref float right, ref float bias, ref float result, int rows, int reduction);

    public static IEnumerable<object[]> Paths() => [["Vector512"], ["Vector256"], ["Vector128"], ["Scalar"], ["Dispatch"]];

    /// <summary>Every tile <see cref="RegisterTiles"/> offers, on each vector path (the kernel micro-bench times them all).</summary>
    public static IEnumerable<object[]> TilesOnPaths() =>
        from path in new[] { "Vector512", "Vector256", "Vector128" }
        from tile in new[] { "4x2", "6x2", "4x3", "6x3", "4x4", "5x4", "6x4" }
        select new object[] { $"{path}/{tile}" };

    [Theory]
    [MemberData(nameof(Paths))]
    [MemberData(nameof(TilesOnPaths))]
    public void Every_shape_matches_the_reference(string path)
    {
        Check<Columns1>(path);
        Check<Columns3Bias>(path);
        Check<Columns4ReLU>(path);
        Check<Columns7Accumulate>(path);
        Check<Columns10>(path);
        Check<Columns13RowBias>(path);
        Check<Columns16>(path);
        Check<Columns29Padded>(path);
        Check<Columns37>(path);
        Check<Columns64ReLU>(path);
        Check<Columns70>(path);
        Check<Columns131Accumulate>(path);
        Check<Columns300>(path);
        Check<WeightGradient23x19>(path);
        Check<Sliced37ReLU>(path);
        Check<SlicedRowBias>(path);
    }

    [Fact]
    public void Padding_between_rows_is_left_untouched()
    {
        // Columns29Padded writes 29 of every 35 floats: the other 6 keep their sentinel on every path.
        foreach (string path in new[] { "Vector512", "Vector256", "Vector128", "Scalar", "Dispatch" })
        {
            var (left, right, bias, result) = Operands<Columns29Padded>(rows: 9, reduction: 17, seed: 5);
            for (int i = 0; i < result.Length; i++) result[i] = -7f;
            Run<Columns29Padded>(path, left, right, bias, result, 9, 17);
            for (int i = 0; i < result.Length; i++)
            {
                if (i % 35 >= 29) Assert.True(result[i] == -7f, $"{path}: padding float {i} was overwritten with {result[i]}");
            }
        }
    }

    private static void Check<TShape>(string path)
        where TShape : struct, IMatMulShape
    {
        int[] rowCounts = TShape.Rows > 0 ? [TShape.Rows] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
        int[] reductions = TShape.Reduction > 0 ? [TShape.Reduction] : [0, 1, 2, 5, 8, 17, 40];
        foreach (int rows in rowCounts)
        {
            foreach (int reduction in reductions)
            {
                var (left, right, bias, result) = Operands<TShape>(rows, reduction, seed: rows * 100 + reduction);
                double[] expected = Reference<TShape>(left, right, bias, result, rows, reduction);
                Run<TShape>(path, left, right, bias, result, rows, reduction);
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
        }
    }

    private static void Run<TShape>(string path, float[] left, float[] right, float[] bias, float[] result, int rows, int reduction)
        where TShape : struct, IMatMulShape
    {
        Product product = path switch
        {
            _ when path.Contains('/') => Tiled<TShape>(path),
            "Vector512" => MatMul.MultiplyVector512<TShape>,
            "Vector256" => MatMul.MultiplyVector256<TShape>,
            "Vector128" => MatMul.MultiplyVector128<TShape>,
            "Scalar" => MatMul.MultiplyScalar<TShape>,
            _ => MatMul.Multiply<TShape>,
        };
        product(ref left[0], ref right[0], ref bias[0], ref result[0], rows, reduction);
    }

    /// <summary>"Vector256/4x3": that path with that register tile.</summary>
    private static Product Tiled<TShape>(string path)
        where TShape : struct, IMatMulShape => path.Split('/')[1] switch
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

    private static Product Tiled<TShape, TTile>(string path)
        where TShape : struct, IMatMulShape
        where TTile : struct, IRegisterTile => path.Split('/')[0] switch
        {
            "Vector512" => MatMul.MultiplyVector512<TShape, TTile>,
            "Vector256" => MatMul.MultiplyVector256<TShape, TTile>,
            _ => MatMul.MultiplyVector128<TShape, TTile>,
        };

    /// <summary>Operands as large as the strides address, plus one float so an empty product still has a first element.</summary>
    private static (float[] Left, float[] Right, float[] Bias, float[] Result) Operands<TShape>(int rows, int reduction, int seed)
        where TShape : struct, IMatMulShape
    {
        var random = new FastRandom(seed);
        float[] Fill(int length)
        {
            var values = new float[length + 1];
            for (int i = 0; i < values.Length; i++) values[i] = 2 * random.NextFloat() - 1;
            return values;
        }
        int leftLength = Math.Max(rows - 1, 0) * TShape.LeftRowStride + Math.Max(reduction - 1, 0) * TShape.LeftReductionStride + 1;
        int rightLength = Math.Max(reduction - 1, 0) * TShape.RightReductionStride + TShape.Columns;
        return (Fill(leftLength), Fill(rightLength), Fill(Math.Max(rows, TShape.Columns)), Fill(Math.Max(rows, 1) * TShape.ResultRowStride));
    }

    private static double[] Reference<TShape>(float[] left, float[] right, float[] bias, float[] result, int rows, int reduction)
        where TShape : struct, IMatMulShape
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
                    sum += (double)left[i * TShape.LeftRowStride + k * TShape.LeftReductionStride] * right[k * TShape.RightReductionStride + j];
                }
                expected[at] = TShape.FusedReLU ? Math.Max(sum, 0) : sum;
            }
        }
        return expected;
    }
}
