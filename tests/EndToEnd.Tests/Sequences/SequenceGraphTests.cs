using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// Sequence networks that branch and merge, beyond the theories every sequence case runs (reference, finite differences,
/// padding, data-parallel split): one instance whose TimeSteps grows and shrinks between steps keeps matching the
/// reference, with every sample its own length.
/// </summary>
public sealed class SequenceGraphTests
{
    public static IEnumerable<object[]> Graphs() => SequenceCase.All().Where(c => ((SequenceCase)c[0]).Stages().Any(s => s.Sources is not null));

    [Theory]
    [MemberData(nameof(Graphs))]
    public void One_instance_matches_the_reference_as_its_time_steps_grow_and_shrink(SequenceCase testCase)
    {
        const int batch = 5;
        var network = testCase.Create(4);
        var reference = testCase.Reference(network);
        foreach (int timeSteps in new[] { 4, 9, 3, 9 })
        {
            network.TimeSteps = timeSteps;
            // Lengths from 0 to T: the first sample full, the others shorter.
            int[] lengths = Enumerable.Range(0, batch).Select(b => b == 0 ? timeSteps : (b * 3 + timeSteps) % (timeSteps + 1)).ToArray();
            var input = testCase.RandomInput(network, batch, seed: timeSteps);
            var outputGradient = GeneratedNetworkTests.RandomVector(batch * network.OutputSize, seed: 50 + timeSteps);
            var output = new float[batch * network.OutputSize];
            var inputGradient = new float[batch * network.InputSize];
            network.ZeroGradients();
            network.Forward(input, output, batch, lengths, training: true);
            network.Backward(outputGradient, inputGradient, batch);

            var parameters = network.Parameters.ToArray();
            var expectedGradients = new double[network.ParameterCount];
            string where = $"{testCase} T {timeSteps}";
            for (int b = 0; b < batch; b++)
            {
                var outputs = reference.Forward(parameters, Steps(input, b, network.InputSize, timeSteps), lengths[b]);
                var expected = outputs[^1];
                var actual = Steps(output, b, network.OutputSize, expected.Length);
                for (int t = 0; t < expected.Length; t++)
                for (int j = 0; j < expected[t].Length; j++) AssertClose(expected[t][j], actual[t][j], $"{where} output[{b}, {t}, {j}] (length {lengths[b]})");
                var dx = reference.Backward(parameters, outputs, Steps(outputGradient, b, network.OutputSize, expected.Length), lengths[b], expectedGradients);
                if (testCase.Vocabulary > 0) continue;
                var actualDx = Steps(inputGradient, b, network.InputSize, timeSteps);
                for (int t = 0; t < timeSteps; t++)
                for (int k = 0; k < network.StepInputSize; k++) AssertClose(dx[t][k], actualDx[t][k], $"{where} dInput[{b}, {t}, {k}] (length {lengths[b]})");
            }
            for (int p = 0; p < network.ParameterCount; p++)
            {
                AssertClose(expectedGradients[p], network.Gradients[p], $"{where} gradient of {FiniteDifference.Describe(network, p)}");
            }
        }
    }

    private static double[][] Steps(float[] values, int b, int sampleSize, int steps)
    {
        int step = sampleSize / steps;
        return Enumerable.Range(0, steps).Select(t => values.AsSpan(b * sampleSize + t * step, step).ToArray().Select(v => (double)v).ToArray()).ToArray();
    }

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-4 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");
}
