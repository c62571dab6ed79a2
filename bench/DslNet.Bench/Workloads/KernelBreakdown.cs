using System;
using System.Reflection;
using DslNet.Bench.Data;
using DslNet.Bench.Harness;
using DslNet.Bench.Output;

namespace DslNet.Bench.Workloads;

/// <summary>
/// Times each generated Dense kernel of a network on its own (forward, parameter gradients, input
/// gradient), found by the generator's private method names, then all of them together (<c>W1.products</c>: their
/// floating-point work over the sum of their times). A diagnostic for the kernel author, not a workload: if the names
/// change it says so and skips.
/// </summary>
internal static class KernelBreakdown
{
    private delegate void ForwardKernel(ReadOnlySpan<float> input, Span<float> output, int batch);
    private delegate void GradientKernel(ReadOnlySpan<float> input, ReadOnlySpan<float> delta, int batch);

    private static readonly string[] Kinds = ["Forward", "ParameterGradients", "InputGradient"];

    public static void Run(string workload, INetwork network, int batch, bool forwardOnly, BenchOptions options)
    {
        var settings = options.Settings with { WarmupSeconds = Math.Min(options.Settings.WarmupSeconds, 0.3), RepetitionSeconds = Math.Min(options.Settings.RepetitionSeconds, 0.1) };
        var random = new FastRandom(77);
        int found = 0;
        double totalFlop = 0, totalSeconds = 0;
        foreach (var slice in network.Layout)
        {
            if (slice.Kind != ParameterKind.Weight || slice.Shape.Count != 2) continue;
            int inputs = slice.Shape[0], units = slice.Shape[1];
            string pascal = char.ToUpperInvariant(slice.Layer[0]) + slice.Layer.Substring(1);
            var x = RandomData.Uniform(batch * inputs, random);
            var y = new float[batch * units];
            var delta = RandomData.Gaussian(batch * units, random);
            foreach (string kind in Kinds)
            {
                var method = network.GetType().GetMethod(pascal + kind, BindingFlags.Instance | BindingFlags.NonPublic);
                if (method is null || (forwardOnly && kind != "Forward")) continue;
                found++;
                MeasurementResult result;
                if (kind == "ParameterGradients")
                {
                    var step = new GradientStep(method.CreateDelegate<GradientKernel>(network), x, delta, batch);
                    result = Measurement.Run(ref step, settings);
                    network.ZeroGradients(); // the kernel accumulates; leave the network as found
                }
                else if (kind == "Forward")
                {
                    var step = new ForwardStep(method.CreateDelegate<ForwardKernel>(network), x, y, batch);
                    result = Measurement.Run(ref step, settings);
                }
                else
                {
                    var step = new ForwardStep(method.CreateDelegate<ForwardKernel>(network), delta, x, batch);
                    result = Measurement.Run(ref step, settings);
                }
                double flop = 2.0 * batch * inputs * units;
                totalFlop += flop;
                totalSeconds += result.MedianSeconds;
                new JsonLine($"{workload}.{slice.Layer}.{LowerFirst(kind)}")
                    .Add("metric", "us_per_call")
                    .Add("value", result.MedianSeconds * 1e6, 4)
                    .Add("threads", 1L)
                    .Add("peer", "dslnet")
                    .Add("shape", $"{batch}x{inputs}x{units}")
                    .Add("gflop_per_s", flop / result.MedianSeconds / 1e9, 4)
                    .Add("spread_pct", result.SpreadPercent, 3)
                    .Print();
            }
        }
        if (found > 0)
        {
            // The step's products together: what the "products at the peak" target reads beside P0.
            new JsonLine($"{workload}.products")
                .Add("metric", "gflop_per_s")
                .Add("value", totalFlop / totalSeconds / 1e9, 4)
                .Add("threads", 1L)
                .Add("peer", "dslnet")
                .Add("kernels", (long)found)
                .Add("us_per_step", totalSeconds * 1e6, 4)
                .Print();
        }
        if (found == 0)
        {
            new JsonLine(workload + ".kernels").Add("status", "skipped").Add("reason", "no Dense kernel methods found by name; the generator's naming changed").Print();
        }
    }

    private static string LowerFirst(string text) => char.ToLowerInvariant(text[0]) + text.Substring(1);

    private readonly struct ForwardStep(ForwardKernel kernel, float[] input, float[] output, int batch) : IBenchStep
    {
        public void Run() => kernel(input, output, batch);
    }

    private readonly struct GradientStep(GradientKernel kernel, float[] input, float[] delta, int batch) : IBenchStep
    {
        public void Run() => kernel(input, delta, batch);
    }
}
