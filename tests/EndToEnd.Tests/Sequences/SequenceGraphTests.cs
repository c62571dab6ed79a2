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

    [Fact]
    public void A_stateful_lstm_inside_a_residual_connection_continues_from_the_last_batch()
    {
        // Two sequences of 6 steps of 2 features at once, or as 3 steps and 3 more: the same outputs step for step.
        var whole = new StatefulResidualLstm(6, seed: 3);
        var halves = new StatefulResidualLstm(3, seed: 3);
        var input = GeneratedNetworkTests.RandomVector(2 * 6 * 2, seed: 61);
        var first = new float[2 * 3 * 2];
        var second = new float[2 * 3 * 2];
        for (int b = 0; b < 2; b++)
        {
            input.AsSpan(b * 12, 6).CopyTo(first.AsSpan(b * 6));
            input.AsSpan(b * 12 + 6, 6).CopyTo(second.AsSpan(b * 6));
        }
        var expected = new float[2 * 6 * 2];
        var firstOutput = new float[2 * 3 * 2];
        var secondOutput = new float[2 * 3 * 2];
        whole.Forward(input, expected, 2);
        halves.Forward(first, firstOutput, 2);
        halves.Forward(second, secondOutput, 2);
        for (int b = 0; b < 2; b++)
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(expected[b * 12 + i], firstOutput[b * 6 + i], 5);
            Assert.Equal(expected[b * 12 + 6 + i], secondOutput[b * 6 + i], 5);
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
