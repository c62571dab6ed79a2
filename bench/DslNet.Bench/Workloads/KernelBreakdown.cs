using System;
using System.Linq;
using System.Reflection;
using DslNet.CompilerServices;
using DslNet.Bench.Data;
using DslNet.Bench.Harness;
using DslNet.Bench.Output;

namespace DslNet.Bench.Workloads;

/// <summary>
/// Times each Dense layer's passes of a network on their own (forward, parameter gradients, input gradient): the
/// runtime's <see cref="DenseLayer"/> specialised by the network's own shape struct for that layer, found by its sizes
/// and activation; then all of them together (<c>W1.products</c>: their floating-point work over the sum of their
/// times). A diagnostic for the kernel author, not a workload: if no shape struct matches it says so and skips.
/// </summary>
internal static class KernelBreakdown
{
    private delegate void ForwardPass(float[] parameters, int weightOffset, int biasOffset, ReadOnlySpan<float> input, Span<float> output, int rows, float[]? weightPanels);
    private delegate void GradientPass(float[] gradients, int weightOffset, int biasOffset, ReadOnlySpan<float> input, ReadOnlySpan<float> delta, int rows, float[]? deltaPanels, float[]? inputRows);
    private delegate void InputGradientPass(float[] parameters, int weightOffset, float[] weightScratch, ReadOnlySpan<float> delta, Span<float> inputGradient, int rows);

    private static readonly string[] Kinds = ["Forward", "ParameterGradients", "InputGradient"];

    public static void Run(string workload, INetwork network, int batch, bool forwardOnly, BenchOptions options)
    {
        var settings = options.Settings with { WarmupSeconds = Math.Min(options.Settings.WarmupSeconds, 0.3), RepetitionSeconds = Math.Min(options.Settings.RepetitionSeconds, 0.1) };
        var random = new FastRandom(77);
        int found = 0;
        double totalFlop = 0, totalSeconds = 0;
        // The passes run on copies: the network's own parameters and gradients are left as found.
        var parameters = network.Parameters.ToArray();
        var gradients = new float[parameters.Length];
        foreach (var slice in network.Layout)
        {
            if (slice.Kind != ParameterKind.Weight || slice.Shape.Count != 2) continue;
            int inputs = slice.Shape[0], units = slice.Shape[1];
            var shape = DenseShapeOf(network, slice.Layer, inputs, units);
            var bias = network.Layout.FirstOrDefault(s => s.Layer == slice.Layer && s.Kind == ParameterKind.Bias);
            if (shape is null || bias is null) continue;
            var x = RandomData.Uniform(batch * inputs, random);
            var y = new float[batch * units];
            var delta = RandomData.Gaussian(batch * units, random);
            float[] weightScratch = new float[inputs * units], deltaPanels = new float[256 * units], inputRows = new float[inputs * 256];
            foreach (string kind in Kinds)
            {
                if (forwardOnly && kind != "Forward") continue;
                var method = typeof(DenseLayer).GetMethods().Single(m => m.Name == kind && m.GetGenericArguments().Length == 1).MakeGenericMethod(shape);
                found++;
                MeasurementResult result;
                if (kind == "ParameterGradients")
                {
                    var pass = method.CreateDelegate<GradientPass>();
                    var step = new Step(() => pass(gradients, slice.Offset, bias.Offset, x, delta, batch, deltaPanels, inputRows));
                    result = Measurement.Run(ref step, settings);
                }
                else if (kind == "Forward")
                {
                    var pass = method.CreateDelegate<ForwardPass>();
                    var step = new Step(() => pass(parameters, slice.Offset, bias.Offset, x, y, batch, weightScratch));
                    result = Measurement.Run(ref step, settings);
                }
                else
                {
                    var pass = method.CreateDelegate<InputGradientPass>();
                    var step = new Step(() => pass(parameters, slice.Offset, weightScratch, delta, x, batch));
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
            new JsonLine(workload + ".kernels").Add("status", "skipped").Add("reason", "no Dense layer whose shape struct (IDenseShape) matches its sizes and activation").Print();
        }
    }

    private static string LowerFirst(string text) => char.ToLowerInvariant(text[0]) + text.Substring(1);

    /// <summary>The network's nested struct that gives DenseLayer this layer's sizes and activation, or null.</summary>
    private static Type? DenseShapeOf(INetwork network, string layer, int inputs, int units)
    {
        var activation = network is IDescribedNetwork described
            ? described.Description.Layers.OfType<DenseDescription>().FirstOrDefault(d => d.Name == layer)?.Activation
            : null;
        if (activation is null) return null;
        return network.GetType().GetNestedTypes(BindingFlags.NonPublic).FirstOrDefault(t =>
            typeof(IDenseShape).IsAssignableFrom(t)
            && Read<int>(t, nameof(IDenseShape.Inputs)) == inputs && Read<int>(t, nameof(IDenseShape.Units)) == units
            && (Read<Activation?>(t, nameof(IDenseShape.Activation)) ?? Activation.Linear) == activation);
    }

    // A static member of a shape struct; one left at the interface's default is not on the struct.
    private static T? Read<T>(Type type, string name) => (T?)type.GetProperty(name, BindingFlags.Public | BindingFlags.Static)?.GetValue(null);

    private readonly struct Step(Action pass) : IBenchStep
    {
        public void Run() => pass();
    }
}
