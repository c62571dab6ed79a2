using System;
using System.Collections.Generic;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Runtime.Tests.Kernels;

/// <summary>
/// <see cref="DotProductMatMul"/> against a double-precision reference, on every vector path forced (Vector512 runs in
/// software where AVX-512 is missing), over shapes that leave every tile and reduction remainder, on both sides of the
/// row count where the kernel turns from dot products to a transposed copy and outer products. Floats between result
/// rows keep their sentinel, and so do the floats past the scratch the copy may fill.
/// </summary>
public sealed class DotProductMatMulTests
{
    private const float Sentinel = -7f;

    public static IEnumerable<object[]> Paths() => [["Vector512"], ["Vector256"], ["Vector128"], ["Scalar"], ["Dispatch"]];

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_shape_matches_the_reference(string path)
    {
        Check<W2FirstGradient>(path);
        Check<W2SecondGradient>(path);
        Check<Dot1x1>(path);
        Check<Dot2x5Empty>(path);
        Check<Dot4x7>(path);
        Check<Dot11x10>(path);
        Check<Dot5x2Wide>(path);
        Check<Dot3x3Short>(path);
        Check<W9Stage1Gradient>(path);
        Check<W9Stage2Gradient>(path);
        Check<W9Stage3Gradient>(path);
        Check<Outer16x3Empty>(path);
        Check<Outer17x13>(path);
        Check<Outer23x37>(path);
        Check<Outer30x20Long>(path);
        Check<Outer19x66>(path);
    }

    private delegate void Product(ref float left, ref float right, ref float result, ref float scratch);

    private static void Check<TShape>(string path)
        where TShape : struct, IDotProductShape
    {
        var random = new Random(TShape.Rows * 100 + TShape.Columns);
        float[] left = Values(Math.Max(1, (TShape.Rows - 1) * TShape.LeftRowStride + TShape.Reduction), random);
        float[] right = Values(Math.Max(1, (TShape.Columns - 1) * TShape.RightRowStride + TShape.Reduction), random);
        var result = new float[TShape.Rows * TShape.ResultRowStride];
        Array.Fill(result, Sentinel);
        for (int i = 0; i < TShape.Rows; i++)
        {
            for (int j = 0; j < TShape.Columns; j++) result[i * TShape.ResultRowStride + j] = (float)(random.NextDouble() - 0.5);
        }
        var before = (float[])result.Clone();
        int scratchLength = TShape.Reduction * TShape.Columns;
        var scratch = new float[scratchLength + 32];
        Array.Fill(scratch, Sentinel, scratchLength, 32);
        string method = "Multiply" + (path == "Dispatch" ? "" : path);
        typeof(DotProductMatMul).GetMethod(method)!.MakeGenericMethod(typeof(TShape)).CreateDelegate<Product>()(ref left[0], ref right[0], ref result[0], ref scratch[0]);
        for (int at = scratchLength; at < scratch.Length; at++)
        {
            Assert.True(scratch[at] == Sentinel, $"{typeof(TShape).Name} on {path}: scratch float {at}, past the {scratchLength} it may use, was overwritten with {scratch[at]}");
        }
        for (int i = 0; i < TShape.Rows; i++)
        {
            for (int j = 0; j < TShape.ResultRowStride; j++)
            {
                int at = i * TShape.ResultRowStride + j;
                if (j >= TShape.Columns)
                {
                    Assert.True(result[at] == Sentinel, $"{typeof(TShape).Name} on {path}: padding float [{i}, {j}] was overwritten with {result[at]}");
                    continue;
                }
                double expected = TShape.Accumulate ? before[at] : 0;
                for (int k = 0; k < TShape.Reduction; k++) expected += (double)left[i * TShape.LeftRowStride + k] * right[j * TShape.RightRowStride + k];
                Assert.True(Math.Abs(expected - result[at]) <= 1e-4 * Math.Max(1, Math.Abs(expected)),
                    $"{typeof(TShape).Name} on {path}: result[{i}, {j}] = {result[at]}, expected {expected}");
            }
        }
    }

    private static float[] Values(int length, Random random)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(2 * random.NextDouble() - 1);
        return values;
    }
}
