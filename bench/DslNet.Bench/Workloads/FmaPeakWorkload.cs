using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using DslNet.Bench.Harness;
using DslNet.Bench.Output;

namespace DslNet.Bench.Workloads;

/// <summary>
/// P0 fma-peak: this core's fused multiply-add peak, the yardstick of every GFLOP/s figure. A loop of FMAs on twelve
/// independent register accumulators (enough to cover the FMA latency on both FMA pipes of the cores measured so far),
/// no memory traffic, at the widest vector the JIT accelerates (Vector512 with AVX-512, else Vector256, else
/// Vector128); the narrower widths are measured too, since a kernel may run on a narrower path than the widest.
/// </summary>
internal static class FmaPeakWorkload
{
    private const int Iterations = 4096;
    private const int Accumulators = 12;

    public static void Run(BenchOptions options) => Measure(options);

    /// <summary>Measures and prints the peaks; returns the widest path's GFLOP/s, or null without vector acceleration.</summary>
    public static double? Measure(BenchOptions options)
    {
        var line = new JsonLine("P0");
        double widest = 0;
        int widestBits = 0;
        foreach (int bits in new[] { 512, 256, 128 })
        {
            bool accelerated = bits switch { 512 => Vector512.IsHardwareAccelerated, 256 => Vector256.IsHardwareAccelerated, _ => Vector128.IsHardwareAccelerated };
            if (!accelerated) continue;
            var step = new Step(bits);
            var result = Measurement.Run(ref step, options.Settings);
            double flopPerStep = 2.0 * Iterations * Accumulators * (bits / 32);
            double gflops = result.Rate(flopPerStep / 1e9).Median;
            if (widestBits == 0)
            {
                (widest, widestBits) = (gflops, bits);
                line.Add("metric", "gflop_per_s").Add("value", gflops).Add("threads", 1L).Add("peer", "dslnet").Add("name", "fma-peak").Add("vector_bits", (long)bits);
            }
            line.Add($"gflop_per_s_{bits}", gflops);
        }
        if (widestBits == 0)
        {
            line.Add("status", "skipped").Add("peer", "dslnet").Add("reason", "no accelerated vectors: the peak of scalar code is not a useful yardstick");
        }
        line.Print();
        return widestBits == 0 ? null : widest;
    }

    private struct Step(int bits) : IBenchStep
    {
        public float Sink;

        public void Run() => Sink += bits switch { 512 => Fma512(), 256 => Fma256(), _ => Fma128() };

        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static float Fma512()
        {
            var a = Vector512.Create(0.999f);
            var b = Vector512.Create(1e-4f);
            Vector512<float> c0 = Vector512.Create(1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
            for (int i = 0; i < Iterations; i++)
            {
                c0 = Vector512.FusedMultiplyAdd(c0, a, b); c1 = Vector512.FusedMultiplyAdd(c1, a, b); c2 = Vector512.FusedMultiplyAdd(c2, a, b);
                c3 = Vector512.FusedMultiplyAdd(c3, a, b); c4 = Vector512.FusedMultiplyAdd(c4, a, b); c5 = Vector512.FusedMultiplyAdd(c5, a, b);
                c6 = Vector512.FusedMultiplyAdd(c6, a, b); c7 = Vector512.FusedMultiplyAdd(c7, a, b); c8 = Vector512.FusedMultiplyAdd(c8, a, b);
                c9 = Vector512.FusedMultiplyAdd(c9, a, b); c10 = Vector512.FusedMultiplyAdd(c10, a, b); c11 = Vector512.FusedMultiplyAdd(c11, a, b);
            }
            return Vector512.Sum(((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11)));
        }

        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static float Fma256()
        {
            var a = Vector256.Create(0.999f);
            var b = Vector256.Create(1e-4f);
            Vector256<float> c0 = Vector256.Create(1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
            for (int i = 0; i < Iterations; i++)
            {
                c0 = Vector256.FusedMultiplyAdd(c0, a, b); c1 = Vector256.FusedMultiplyAdd(c1, a, b); c2 = Vector256.FusedMultiplyAdd(c2, a, b);
                c3 = Vector256.FusedMultiplyAdd(c3, a, b); c4 = Vector256.FusedMultiplyAdd(c4, a, b); c5 = Vector256.FusedMultiplyAdd(c5, a, b);
                c6 = Vector256.FusedMultiplyAdd(c6, a, b); c7 = Vector256.FusedMultiplyAdd(c7, a, b); c8 = Vector256.FusedMultiplyAdd(c8, a, b);
                c9 = Vector256.FusedMultiplyAdd(c9, a, b); c10 = Vector256.FusedMultiplyAdd(c10, a, b); c11 = Vector256.FusedMultiplyAdd(c11, a, b);
            }
            return Vector256.Sum(((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11)));
        }

        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static float Fma128()
        {
            var a = Vector128.Create(0.999f);
            var b = Vector128.Create(1e-4f);
            Vector128<float> c0 = Vector128.Create(1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
            for (int i = 0; i < Iterations; i++)
            {
                c0 = Vector128.FusedMultiplyAdd(c0, a, b); c1 = Vector128.FusedMultiplyAdd(c1, a, b); c2 = Vector128.FusedMultiplyAdd(c2, a, b);
                c3 = Vector128.FusedMultiplyAdd(c3, a, b); c4 = Vector128.FusedMultiplyAdd(c4, a, b); c5 = Vector128.FusedMultiplyAdd(c5, a, b);
                c6 = Vector128.FusedMultiplyAdd(c6, a, b); c7 = Vector128.FusedMultiplyAdd(c7, a, b); c8 = Vector128.FusedMultiplyAdd(c8, a, b);
                c9 = Vector128.FusedMultiplyAdd(c9, a, b); c10 = Vector128.FusedMultiplyAdd(c10, a, b); c11 = Vector128.FusedMultiplyAdd(c11, a, b);
            }
            return Vector128.Sum(((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11)));
        }
    }
}
