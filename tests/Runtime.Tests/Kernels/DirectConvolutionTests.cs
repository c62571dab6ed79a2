using System;
using System.Collections.Generic;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Runtime.Tests.Kernels;

/// <summary>
/// <see cref="DirectConvolution"/> against a double-precision convolution (and 2×2 max pooling), on the Vector256 and
/// the Vector128 path forced (each runs in software where it is not accelerated), for every shape whose rows (direct)
/// or filters (pooled) fill one vector of the path. Padding after the output keeps its sentinel; the pooled pass is also
/// checked bit for bit against the direct pass followed by the pooling.
/// </summary>
public sealed class DirectConvolutionTests
{
    private const float Sentinel = -7f;

    public static IEnumerable<object[]> Paths() => [["Vector256"], ["Vector128"], ["Dispatch"]];

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_shape_matches_the_reference(string path)
    {
        Check<W2First>(path);
        Check<W2Second>(path);
        Check<Row8Filters3>(path);
        Check<Row9Filters13>(path);
        Check<Row17Filters9>(path);
        Check<Row33Filters7>(path);
        Check<Row26Filters24>(path);
        Check<Row12Filters12>(path);
        Check<Row5Filters4>(path);
    }

    private static int Lanes(string path) => path == "Vector128" || (path == "Dispatch" && !System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated) ? 4 : 8;

    private static void Check<TShape>(string path)
        where TShape : struct, IConvolutionShape
    {
        int c = TShape.Channels, h = TShape.Height, w = TShape.Width, f = TShape.Filters, k = TShape.KernelSize;
        int oh = h - k + 1, ow = w - k + 1, ph = oh / 2, pw = ow / 2;
        var random = new Random(c * 1000 + w * 10 + f);
        float[] image = Values(c * h * w, random), weights = Values(c * k * k * f, random), bias = Values(f, random);
        double[] expected = Reference<TShape>(image, weights, bias);
        string name = typeof(TShape).Name;

        if (ow >= Lanes(path))
        {
            var result = Filled(f * oh * ow + 3);
            Run(path, pooled: false, ref image[0], ref weights[0], ref bias[0], ref result[0], typeof(TShape));
            for (int i = 0; i < f * oh * ow; i++)
            {
                Assert.True(Math.Abs(expected[i] - result[i]) <= 1e-4 * Math.Max(1, Math.Abs(expected[i])),
                    $"{name} on {path}: y[{i / (oh * ow)}, {i % (oh * ow) / ow}, {i % ow}] = {result[i]}, expected {expected[i]}");
            }
            for (int i = f * oh * ow; i < result.Length; i++) Assert.True(result[i] == Sentinel, $"{name} on {path}: float {i} past the output was overwritten");

            if (f >= Lanes(path))
            {
                // The fused pass against this path's own direct output, pooled in the pooling's order: bit for bit.
                var pooled = Filled(f * ph * pw + 3);
                Run(path, pooled: true, ref image[0], ref weights[0], ref bias[0], ref pooled[0], typeof(TShape));
                for (int filter = 0; filter < f; filter++)
                {
                    for (int py = 0; py < ph; py++)
                    {
                        for (int px = 0; px < pw; px++)
                        {
                            int at = filter * oh * ow + 2 * py * ow + 2 * px;
                            float top = result[at + 1] > result[at] ? result[at + 1] : result[at];
                            float bottom = result[at + ow + 1] > result[at + ow] ? result[at + ow + 1] : result[at + ow];
                            float max = bottom > top ? bottom : top;
                            float actual = pooled[(filter * ph + py) * pw + px];
                            Assert.True(BitConverter.SingleToInt32Bits(max) == BitConverter.SingleToInt32Bits(actual),
                                $"{name} on {path}: pooled[{filter}, {py}, {px}] = {actual:R}, the direct pass pooled gives {max:R}");
                        }
                    }
                }
                for (int i = f * ph * pw; i < pooled.Length; i++) Assert.True(pooled[i] == Sentinel, $"{name} on {path}: pooled float {i} past the output was overwritten");
            }
        }
    }

    private delegate void Kernel(ref float image, ref float weights, ref float bias, ref float result);

    private static void Run(string path, bool pooled, ref float image, ref float weights, ref float bias, ref float result, Type shape)
    {
        string method = (pooled ? "PooledForward" : "Forward") + (path == "Dispatch" ? "" : path);
        var kernel = typeof(DirectConvolution).GetMethod(method)!.MakeGenericMethod(shape).CreateDelegate<Kernel>();
        kernel(ref image, ref weights, ref bias, ref result);
    }

    /// <summary>y[f, oy, ox] = act(b[f] + Σ_c Σ_ky Σ_kx W[c, ky, kx, f] · x[c, oy + ky, ox + kx]) in doubles.</summary>
    private static double[] Reference<TShape>(float[] image, float[] weights, float[] bias)
        where TShape : struct, IConvolutionShape
    {
        int c = TShape.Channels, h = TShape.Height, w = TShape.Width, f = TShape.Filters, k = TShape.KernelSize;
        int oh = h - k + 1, ow = w - k + 1;
        var y = new double[f * oh * ow];
        for (int filter = 0; filter < f; filter++)
        {
            for (int oy = 0; oy < oh; oy++)
            {
                for (int ox = 0; ox < ow; ox++)
                {
                    double sum = bias[filter];
                    for (int channel = 0; channel < c; channel++)
                    {
                        for (int ky = 0; ky < k; ky++)
                        {
                            for (int kx = 0; kx < k; kx++)
                            {
                                sum += (double)weights[((channel * k + ky) * k + kx) * f + filter] * image[(channel * h + oy + ky) * w + ox + kx];
                            }
                        }
                    }
                    y[(filter * oh + oy) * ow + ox] = TShape.FusedReLU ? Math.Max(sum, 0) : sum;
                }
            }
        }
        return y;
    }

    private static float[] Values(int length, Random random)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(2 * random.NextDouble() - 1);
        return values;
    }

    private static float[] Filled(int length)
    {
        var values = new float[length];
        Array.Fill(values, Sentinel);
        return values;
    }
}
