using System;
using System.Linq;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// Generated recurrent networks against the double-precision step-by-step reference, with mixed sequence lengths
/// in one batch, and their gradients against central finite differences through several steps.
/// </summary>
public sealed class SequenceNetworkTests
{
    private static readonly (int Batch, int TimeSteps)[] Shapes = [(1, 1), (3, 5), (6, 4), (9, 40)]; // 360 rows: the long reductions run in slices

    /// <summary>Lengths in [0, T], the first sample full, seeded.</summary>
    private static int[] MixedLengths(int batch, int timeSteps, int seed)
    {
        var random = new FastRandom(seed);
        return Enumerable.Range(0, batch).Select(b => b == 0 ? timeSteps : random.NextInt(timeSteps + 1)).ToArray();
    }

    [Theory]
    [MemberData(nameof(SequenceCase.All), MemberType = typeof(SequenceCase))]
    public void Forward_matches_the_reference_with_mixed_lengths(SequenceCase testCase)
    {
        foreach (var (batch, timeSteps) in Shapes)
        {
            var network = testCase.Create(timeSteps);
            var reference = testCase.Reference(network);
            var input = testCase.RandomInput(network, batch, seed: batch);
            var lengths = MixedLengths(batch, timeSteps, seed: timeSteps);
            var output = new float[batch * network.OutputSize];

            network.Forward(input, output, batch, lengths);

            var parameters = network.Parameters.ToArray();
            for (int b = 0; b < batch; b++)
            {
                var expected = reference.Forward(parameters, Steps(input, b, network), lengths[b])[^1];
                var actual = Steps(output, b, network.OutputSize, expected.Length);
                for (int t = 0; t < expected.Length; t++)
                for (int j = 0; j < expected[t].Length; j++)
                {
                    AssertClose(expected[t][j], actual[t][j], $"{testCase} batch {batch} T {timeSteps} output[{b}, {t}, {j}] (length {lengths[b]})");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(SequenceCase.All), MemberType = typeof(SequenceCase))]
    public void Backward_matches_the_reference_with_mixed_lengths(SequenceCase testCase)
    {
        foreach (var (batch, timeSteps) in Shapes)
        {
            var network = testCase.Create(timeSteps);
            var reference = testCase.Reference(network);
            var input = testCase.RandomInput(network, batch, seed: 10 + batch);
            var lengths = MixedLengths(batch, timeSteps, seed: 20 + timeSteps);
            var outputGradient = GeneratedNetworkTests.RandomVector(batch * network.OutputSize, seed: 30 + batch);
            var inputGradient = new float[batch * network.InputSize];

            network.ZeroGradients();
            network.Forward(input, new float[batch * network.OutputSize], batch, lengths, training: true);
            network.Backward(outputGradient, inputGradient, batch);

            var parameters = network.Parameters.ToArray();
            var expectedGradients = new double[network.ParameterCount];
            for (int b = 0; b < batch; b++)
            {
                var outputs = reference.Forward(parameters, Steps(input, b, network), lengths[b]);
                var dy = Steps(outputGradient, b, network.OutputSize, outputs[^1].Length);
                var dx = reference.Backward(parameters, outputs, dy, lengths[b], expectedGradients);
                var actual = Steps(inputGradient, b, network.InputSize, timeSteps);
                for (int t = 0; t < timeSteps; t++)
                for (int k = 0; k < network.StepInputSize; k++)
                {
                    AssertClose(dx[t][k], actual[t][k], $"{testCase} batch {batch} T {timeSteps} dInput[{b}, {t}, {k}] (length {lengths[b]})");
                }
            }
            for (int p = 0; p < network.ParameterCount; p++)
            {
                AssertClose(expectedGradients[p], network.Gradients[p], $"{testCase} batch {batch} T {timeSteps} gradient of {FiniteDifference.Describe(network, p)}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(SequenceCase.All), MemberType = typeof(SequenceCase))]
    public void Parameter_gradients_match_central_finite_differences_through_several_steps(SequenceCase testCase)
    {
        var (network, _, loss, _) = ProjectedGradients(testCase, seed: 41);
        FiniteDifference.CheckParameterGradients(network, loss, network.Gradients.ToArray(), checks: 250, seed: 43, testCase.ToString());
    }

    [Theory]
    [MemberData(nameof(SequenceCase.WithFeatureInputs), MemberType = typeof(SequenceCase))]
    public void Input_gradients_match_central_finite_differences_through_several_steps(SequenceCase testCase)
    {
        var (network, input, loss, inputGradient) = ProjectedGradients(testCase, seed: 44);
        FiniteDifference.CheckGradients(input, loss, inputGradient, checks: 250, seed: 46,
            i => $"input[{i / network.InputSize}, {i % network.InputSize / network.StepInputSize}, {i % network.StepInputSize}]", testCase.ToString());
    }

    /// <summary>
    /// Three samples of lengths 4, 2 and 3 in T = 4, through several steps; the loss L = Σ projection ⊙ output of the input
    /// (which the finite differences perturb in place), with dL/dθ left in the network's gradients and dL/dx returned.
    /// </summary>
    private static (ISequenceNetwork Network, float[] Input, Func<double> Loss, float[] InputGradient) ProjectedGradients(SequenceCase testCase, int seed)
    {
        const int batch = 3, timeSteps = 4;
        int[] lengths = [4, 2, 3];
        var network = testCase.Create(timeSteps);
        var input = testCase.RandomInput(network, batch, seed);
        var projection = GeneratedNetworkTests.RandomVector(batch * network.OutputSize, seed + 1);
        var inputGradient = new float[input.Length];
        network.ZeroGradients();
        network.Forward(input, new float[batch * network.OutputSize], batch, lengths, training: true);
        network.Backward(projection, inputGradient, batch);
        return (network, input, () => Projected(network, input, projection, batch, lengths), inputGradient);
    }

    [Theory]
    [MemberData(nameof(SequenceCase.All), MemberType = typeof(SequenceCase))]
    public void Padding_a_sequence_changes_neither_its_outputs_nor_its_gradients(SequenceCase testCase)
    {
        const int length = 3, padded = 7;
        var shortNetwork = testCase.Create(length);
        var longNetwork = testCase.Create(padded);
        int step = shortNetwork.StepInputSize;
        var input = testCase.RandomInput(shortNetwork, 1, seed: 51);
        // The same three steps, then four steps of unrelated values.
        var paddedInput = input.Concat(testCase.RandomInput(testCase.Create(padded - length), 1, seed: 52)).ToArray();
        int outputStep = shortNetwork.StepOutputSize;
        var projection = GeneratedNetworkTests.RandomVector(shortNetwork.OutputSize, seed: 53);
        // The loss of a padded step is zero, as a masked loss makes it.
        var paddedProjection = longNetwork.ReturnsSequences ? projection.Concat(new float[(padded - length) * outputStep]).ToArray() : projection;

        var shortOutput = new float[shortNetwork.OutputSize];
        var longOutput = new float[longNetwork.OutputSize];
        var shortInputGradient = new float[shortNetwork.InputSize];
        var longInputGradient = new float[longNetwork.InputSize];
        shortNetwork.ZeroGradients();
        shortNetwork.Forward(input, shortOutput, 1, training: true);
        shortNetwork.Backward(projection, shortInputGradient, 1);
        longNetwork.ZeroGradients();
        longNetwork.Forward(paddedInput, longOutput, 1, [length], training: true);
        longNetwork.Backward(paddedProjection, longInputGradient, 1);

        for (int i = 0; i < shortOutput.Length; i++) AssertClose(shortOutput[i], longOutput[i], $"{testCase} output {i}");
        for (int i = 0; i < length * step; i++) AssertClose(shortInputGradient[i], longInputGradient[i], $"{testCase} dInput {i}");
        Assert.All(longInputGradient.Skip(length * step).ToArray(), v => Assert.Equal(0f, v));
        for (int p = 0; p < shortNetwork.ParameterCount; p++)
        {
            AssertClose(shortNetwork.Gradients[p], longNetwork.Gradients[p], $"{testCase} gradient of {FiniteDifference.Describe(shortNetwork, p)}");
        }
    }

    public static TheoryData<string> StatefulCells => ["lstm", "gru"];

    [Theory]
    [MemberData(nameof(StatefulCells))]
    public void A_stateful_layer_continues_from_the_last_batch_until_reset(string cell)
    {
        // Networks of the same cell and seed, over 6 steps at once or 3 and 3; a stateful layer must not tell them apart.
        ISequenceNetwork Create(int timeSteps) => cell == "lstm" ? new StatefulLstm(timeSteps, seed: 3) : new StatefulGru(timeSteps, seed: 3);
        var whole = Create(6);
        var halves = Create(3);
        var input = GeneratedNetworkTests.RandomVector(2 * 6 * 2, seed: 61); // 2 sequences of 6 steps of 2 features
        var first = new float[2 * 3 * 2];
        var second = new float[2 * 3 * 2];
        for (int b = 0; b < 2; b++)
        {
            input.AsSpan(b * 12, 6).CopyTo(first.AsSpan(b * 6));
            input.AsSpan(b * 12 + 6, 6).CopyTo(second.AsSpan(b * 6));
        }
        var expected = new float[2 * 3];
        var actual = new float[2 * 3];
        whole.Forward(input, expected, 2);
        halves.Forward(first, actual, 2);
        halves.Forward(second, actual, 2);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 5);

        halves.ResetState();
        var fresh = Create(3);
        var afterReset = new float[6];
        var fromZero = new float[6];
        halves.Forward(second, afterReset, 2);
        fresh.Forward(second, fromZero, 2);
        Assert.Equal(fromZero, afterReset);
        Assert.NotEqual(expected, afterReset);
    }

    [Fact]
    public void A_gru_starts_its_update_gate_bias_at_one_and_lays_out_its_slices_as_pytorch_orders_gates()
    {
        var network = new GruTagger(timeSteps: 2, seed: 1);
        var bias = network.Layout.Single(s => s.Layer == "gru1" && s.Name == "bias");
        var recurrentBias = network.Layout.Single(s => s.Layer == "gru1" && s.Name == "recurrentBias");
        // [r z n] × 5 units: b_iz at 1, as the LSTM's forget gate, the rest and the whole recurrent bias at zero.
        Assert.Equal(Enumerable.Repeat(0f, 5).Concat(Enumerable.Repeat(1f, 5)).Concat(Enumerable.Repeat(0f, 5)), network.Parameters.Slice(bias.Offset, bias.Length).ToArray());
        Assert.All(network.Parameters.Slice(recurrentBias.Offset, recurrentBias.Length).ToArray(), v => Assert.Equal(0f, v));
        Assert.Equal(["gru1.weight [3, 15] at 0", "gru1.recurrent [5, 15] at 45", "gru1.bias [15] at 120", "gru1.recurrentBias [15] at 135", "dense2.weight [5, 2] at 150", "dense2.bias [2] at 160"],
            network.Layout.Select(s => s.ToString()).ToArray());
    }

    [Fact]
    public void The_forget_gate_bias_starts_at_one_and_the_others_at_zero()
    {
        var network = new LstmTagger(timeSteps: 2, seed: 1);
        var bias = network.Layout.Single(s => s.Layer == "lstm1" && s.Kind == ParameterKind.Bias);
        var values = network.Parameters.Slice(bias.Offset, bias.Length).ToArray(); // [i f o g] × 5 units
        Assert.Equal(Enumerable.Repeat(0f, 5).Concat(Enumerable.Repeat(1f, 5)).Concat(Enumerable.Repeat(0f, 10)), values);
        Assert.Equal(["lstm1.weight [3, 20] at 0", "lstm1.recurrent [5, 20] at 60", "lstm1.bias [20] at 160", "dense2.weight [5, 2] at 180", "dense2.bias [2] at 190"],
            network.Layout.Select(s => s.ToString()).ToArray());
    }

    [Fact]
    public void Bad_lengths_token_ids_and_time_steps_are_named()
    {
        var network = new TokenRnnTagger(timeSteps: 3);
        var output = new float[2 * network.OutputSize];
        var tooLong = Assert.Throws<ArgumentException>(() => network.Forward(new float[6], output, 2, [3, 4]));
        Assert.Contains("lengths[1] must be in [0, TimeSteps = 3], got 4", tooLong.Message);
        var count = Assert.Throws<ArgumentException>(() => network.Forward(new float[6], output, 2, [3]));
        Assert.Contains("one length per sample, 2, got 1", count.Message);
        var id = Assert.Throws<ArgumentException>(() => network.Forward(new float[] { 0, 1, 5, 0, 0, 0 }, output, 2));
        Assert.Contains("token ids must be whole numbers in [0, 5), got 5 at position 2", id.Message);
        var fraction = Assert.Throws<ArgumentException>(() => network.Forward(new float[] { 0, 1.5f, 0, 0, 0, 0 }, output, 2));
        Assert.Contains("got 1.5", fraction.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.TimeSteps = 0);

        network.Forward(new float[6], output, 2, training: true);
        network.TimeSteps = 4;
        Assert.Equal(4, network.InputSize);
        Assert.Equal(4 * 5, network.OutputSize);
        Assert.Throws<InvalidOperationException>(() => network.Backward(new float[2 * network.OutputSize], Span<float>.Empty, 2));
    }

    private static double Projected(ISequenceNetwork network, float[] input, float[] projection, int batch, int[] lengths)
    {
        var output = new float[batch * network.OutputSize];
        network.Forward(input, output, batch, lengths);
        double sum = 0;
        for (int i = 0; i < output.Length; i++) sum += (double)projection[i] * output[i];
        return sum;
    }

    /// <summary>Sample <paramref name="b"/> of a batch-major input as steps.</summary>
    private static double[][] Steps(float[] values, int b, ISequenceNetwork network) =>
        Steps(values, b, network.InputSize, network.TimeSteps);

    private static double[][] Steps(float[] values, int b, int sampleSize, int steps)
    {
        int step = sampleSize / steps;
        return Enumerable.Range(0, steps).Select(t => values.AsSpan(b * sampleSize + t * step, step).ToArray().Select(v => (double)v).ToArray()).ToArray();
    }

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-4 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");
}
