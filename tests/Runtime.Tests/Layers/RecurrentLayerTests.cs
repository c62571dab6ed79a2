using System;
using System.Linq;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// The runtime's recurrent layer, generic over its shape struct, against a written-out forward in double precision and
/// its gradients by central differences: SimpleRnn, Lstm and Gru, returning every step or the last state, samples shorter
/// than the time steps, a stateful layer carrying its state into the next batch, on every vector path, at a parameter
/// offset and on buffers longer than the rows used.
/// </summary>
public sealed class RecurrentLayerTests
{
    private struct Lstm3x5Sequence : IRecurrentLayerShape { public static int Inputs => 3; public static int Units => 5; public static RecurrentCell Cell => RecurrentCell.Lstm; public static bool ReturnsSequences => true; }
    private struct Lstm7x19 : IRecurrentLayerShape { public static int Inputs => 7; public static int Units => 19; public static RecurrentCell Cell => RecurrentCell.Lstm; }
    private struct Gru4x11Sequence : IRecurrentLayerShape { public static int Inputs => 4; public static int Units => 11; public static RecurrentCell Cell => RecurrentCell.Gru; public static bool ReturnsSequences => true; }
    private struct Gru6x5 : IRecurrentLayerShape { public static int Inputs => 6; public static int Units => 5; public static RecurrentCell Cell => RecurrentCell.Gru; }
    private struct SimpleRnn3x13 : IRecurrentLayerShape { public static int Inputs => 3; public static int Units => 13; public static RecurrentCell Cell => RecurrentCell.SimpleRnn; }
    private struct SimpleRnn5x2Sequence : IRecurrentLayerShape { public static int Inputs => 5; public static int Units => 2; public static RecurrentCell Cell => RecurrentCell.SimpleRnn; public static bool ReturnsSequences => true; }
    // 33 units: every vector path's wide loop, its 8-float step and a single-float tail; 20 × 15 = 300 rows pass the weight gradients' 256-row slice.
    private struct Lstm9x33 : IRecurrentLayerShape { public static int Inputs => 9; public static int Units => 33; public static RecurrentCell Cell => RecurrentCell.Lstm; }

    [Theory]
    [InlineData(1, 1, false)]
    [InlineData(3, 4, false)]
    [InlineData(5, 6, true)]
    public void Every_cell_matches_the_reference_on_every_path(int batch, int timeSteps, bool stateful)
    {
        CheckOnEveryPath<Lstm3x5Sequence>(batch, timeSteps, stateful);
        CheckOnEveryPath<Lstm7x19>(batch, timeSteps, stateful);
        CheckOnEveryPath<Gru4x11Sequence>(batch, timeSteps, stateful);
        CheckOnEveryPath<Gru6x5>(batch, timeSteps, stateful);
        CheckOnEveryPath<SimpleRnn3x13>(batch, timeSteps, stateful);
        CheckOnEveryPath<SimpleRnn5x2Sequence>(batch, timeSteps, stateful);
    }

    [Fact]
    public void A_long_batch_passes_the_weight_gradients_slices()
    {
        Check<Lstm9x33, WidestPath>(20, 15, stateful: false, parameterSamples: 120);
    }

    [Fact]
    public void Reset_state_starts_the_next_batch_from_zero()
    {
        int n = Lstm7x19.Inputs, u = Lstm7x19.Units;
        var parameters = Draw(new Random(5), RecurrentLayerParameters<Lstm7x19>(), 0.4f);
        var input = Draw(new Random(6), 2 * 3 * n, 1f);
        int[] lengths = [3, 3];
        var fresh = new RecurrentBuffers(RecurrentCell.Lstm, n, u, stateful: true);
        fresh.EnsureCapacity(2, 3);
        var first = new float[2 * u];
        RecurrentLayer.Forward<Lstm7x19>(parameters, 0, input, first, 2, 3, lengths, fresh);
        var carried = new float[2 * u];
        RecurrentLayer.Forward<Lstm7x19>(parameters, 0, input, carried, 2, 3, lengths, fresh);
        Assert.NotEqual(first, carried);
        fresh.ResetState();
        var again = new float[2 * u];
        RecurrentLayer.Forward<Lstm7x19>(parameters, 0, input, again, 2, 3, lengths, fresh);
        Assert.Equal(first, again);
    }

    [Fact]
    public void Bad_arguments_are_refused_with_what_was_wrong()
    {
        int count = RecurrentLayerParameters<Gru6x5>();
        var parameters = new float[count];
        var buffers = new RecurrentBuffers(RecurrentCell.Gru, 6, 5, stateful: false);
        buffers.EnsureCapacity(2, 3);
        int[] lengths = [3, 3];
        var input = new float[2 * 3 * 6];
        var output = new float[2 * 5];
        var error = Assert.Throws<ArgumentException>(() => RecurrentLayer.Forward<Gru6x5>(parameters, 0, new float[35], output, 2, 3, lengths, buffers));
        Assert.Contains("input holds 35 floats; 6 rows of 6 need 36", error.Message);
        Assert.Throws<ArgumentException>(() => RecurrentLayer.Forward<Gru6x5>(parameters, 0, input, new float[9], 2, 3, lengths, buffers));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecurrentLayer.Forward<Gru6x5>(parameters, 1, input, output, 2, 3, lengths, buffers));
        error = Assert.Throws<ArgumentException>(() => RecurrentLayer.Forward<Gru6x5>(parameters, 0, input, output, 2, 3, [3], buffers));
        Assert.Contains("lengths holds 1 samples' lengths; the batch has 2", error.Message);
        var outOfRange = Assert.Throws<ArgumentOutOfRangeException>(() => RecurrentLayer.Forward<Gru6x5>(parameters, 0, new float[3 * 3 * 6], new float[15], 3, 3, [3, 3, 3], buffers));
        Assert.Contains("3 samples of 3 steps do not fit the buffers' 2 samples of 3 steps", outOfRange.Message);
        var lstmBuffers = new RecurrentBuffers(RecurrentCell.Lstm, 6, 5, stateful: false);
        lstmBuffers.EnsureCapacity(2, 3);
        error = Assert.Throws<ArgumentException>(() => RecurrentLayer.Forward<Gru6x5>(parameters, 0, input, output, 2, 3, lengths, lstmBuffers));
        Assert.Contains("The buffers are for a Lstm of 6 inputs and 5 units; this layer is a Gru of 6 inputs and 5 units", error.Message);
        Assert.Throws<ArgumentException>(() => RecurrentLayer.ParameterGradients<Gru6x5>(parameters, parameters, 0, new float[9], 2, 3, lengths, buffers));
        Assert.Throws<ArgumentException>(() => RecurrentLayer.InputGradient<Gru6x5>(parameters, 0, new float[35], 2, 3, buffers));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecurrentBuffers((RecurrentCell)7, 6, 5, stateful: false));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecurrentBuffers(RecurrentCell.Gru, 0, 5, stateful: false));
    }

    private static void CheckOnEveryPath<TShape>(int batch, int timeSteps, bool stateful) where TShape : struct, IRecurrentLayerShape
    {
        Check<TShape, WidestPath>(batch, timeSteps, stateful);
        Check<TShape, Vector512Path>(batch, timeSteps, stateful);
        Check<TShape, Vector256Path>(batch, timeSteps, stateful);
        Check<TShape, Vector128Path>(batch, timeSteps, stateful);
        Check<TShape, ScalarPath>(batch, timeSteps, stateful);
    }

    private static int RecurrentLayerParameters<TShape>() where TShape : struct, IRecurrentLayerShape =>
        (TShape.Inputs + TShape.Units + (TShape.Cell == RecurrentCell.Gru ? 2 : 1)) * Gates<TShape>();

    private static int Gates<TShape>() where TShape : struct, IRecurrentLayerShape =>
        (TShape.Cell switch { RecurrentCell.Lstm => 4, RecurrentCell.Gru => 3, _ => 1 }) * TShape.Units;

    private static float[] Draw(Random random, int count, float scale) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();

    /// <summary>
    /// Forward (twice when stateful: the second batch starts from the first's final state), then the parameter and input
    /// gradients of Σ delta · output for the second, each against the reference; nothing outside the rows and the layer's
    /// parameters is written.
    /// </summary>
    private static void Check<TShape, TPath>(int batch, int timeSteps, bool stateful, int parameterSamples = int.MaxValue)
        where TShape : struct, IRecurrentLayerShape
        where TPath : struct, IKernelPath
    {
        int n = TShape.Inputs, u = TShape.Units, count = RecurrentLayerParameters<TShape>();
        const int offset = 7, spare = 3;
        var random = new Random(n * 100 + u + batch * 7 + timeSteps);
        var parameters = Draw(random, offset + count + spare, 0.5f);
        var firstInput = Draw(random, batch * timeSteps * n, 1f);
        var input = Draw(random, batch * timeSteps * n + spare, 1f);
        int outputRows = TShape.ReturnsSequences ? batch * timeSteps : batch;
        var delta = Draw(random, outputRows * u + spare, 1f);
        // The first sample full length, the others shorter, down to one step.
        int[] lengths = Enumerable.Range(0, batch).Select(b => Math.Max(1, timeSteps - b)).ToArray();
        var buffers = new RecurrentBuffers(TShape.Cell, n, u, stateful);
        buffers.EnsureCapacity(batch + 1, timeSteps + 2);

        var initialState = new double[batch * u];
        var initialCell = new double[batch * u];
        if (stateful)
        {
            var firstOutput = new float[outputRows * u];
            RecurrentLayer.Forward<TShape, TPath>(parameters, offset, firstInput, firstOutput, batch, timeSteps, lengths, buffers);
            Reference<TShape>(parameters, offset, firstInput, lengths, batch, timeSteps, initialState, initialCell, out initialState, out initialCell);
        }

        var output = Enumerable.Repeat(float.NaN, outputRows * u + spare).ToArray();
        RecurrentLayer.Forward<TShape, TPath>(parameters, offset, input, output, batch, timeSteps, lengths, buffers);
        var expected = Reference<TShape>(parameters, offset, input, lengths, batch, timeSteps, initialState, initialCell, out _, out _);
        string where = $"{typeof(TShape).Name} on {typeof(TPath).Name}, batch {batch}, {timeSteps} steps{(stateful ? ", stateful" : "")}";
        for (int i = 0; i < expected.Length; i++) Close(expected[i], output[i], 2e-5, $"{where}: output[{i}]");
        for (int i = expected.Length; i < output.Length; i++) Assert.True(float.IsNaN(output[i]), $"{where}: output[{i}] past the rows was written");

        var gradients = Enumerable.Repeat(0.25f, offset + count + spare).ToArray();
        RecurrentLayer.ParameterGradients<TShape, TPath>(parameters, gradients, offset, delta, batch, timeSteps, lengths, buffers);
        var inputGradient = Enumerable.Repeat(float.NaN, batch * timeSteps * n + spare).ToArray();
        RecurrentLayer.InputGradient<TShape, TPath>(parameters, offset, inputGradient, batch, timeSteps, buffers);

        double Loss(float[] p, float[] x) =>
            Reference<TShape>(p, offset, x, lengths, batch, timeSteps, initialState, initialCell, out _, out _).Select((y, i) => y * delta[i]).Sum();
        int step = Math.Max(1, count / Math.Min(count, parameterSamples));
        for (int i = 0; i < count; i += step)
        {
            Close(0.25 + Difference(parameters, offset + i, p => Loss(p, input)), gradients[offset + i], 2e-4, $"{where}: parameter gradient[{i}]");
        }
        for (int i = 0; i < offset; i++) Assert.Equal(0.25f, gradients[i]);
        for (int i = offset + count; i < gradients.Length; i++) Assert.Equal(0.25f, gradients[i]);
        int inputStep = Math.Max(1, batch * timeSteps * n / 60);
        for (int i = 0; i < batch * timeSteps * n; i += inputStep)
        {
            Close(Difference(input, i, x => Loss(parameters, x)), inputGradient[i], 2e-4, $"{where}: input gradient[{i}]");
        }
        for (int i = batch * timeSteps * n; i < inputGradient.Length; i++) Assert.True(float.IsNaN(inputGradient[i]), $"{where}: input gradient[{i}] past the rows was written");
    }

    /// <summary>∂f/∂values[index] by central differences in double precision, the value itself left as it was.</summary>
    private static double Difference(float[] values, int index, Func<float[], double> f)
    {
        // The reference reads floats; the step is exact in float, so both sides see the same perturbation.
        float original = values[index];
        const float h = 1f / 512;
        values[index] = original + h;
        double plus = f(values);
        values[index] = original - h;
        double minus = f(values);
        values[index] = original;
        return (plus - minus) / (2 * h);
    }

    private static void Close(double expected, float actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");

    /// <summary>
    /// The layer written out in double precision, batch-major, one sample and step at a time: W [n, g], U [u, g], b [g]
    /// (and b_h [g]) from <paramref name="offset"/>; a step at or past a sample's length keeps its state and outputs zero.
    /// </summary>
    private static double[] Reference<TShape>(float[] parameters, int offset, float[] input, int[] lengths, int batch, int timeSteps,
        double[] initialState, double[] initialCell, out double[] finalState, out double[] finalCell)
        where TShape : struct, IRecurrentLayerShape
    {
        int n = TShape.Inputs, u = TShape.Units, g = Gates<TShape>();
        int recurrent = offset + n * g, bias = recurrent + u * g, recurrentBias = bias + g;
        var output = new double[(TShape.ReturnsSequences ? batch * timeSteps : batch) * u];
        finalState = new double[batch * u];
        finalCell = new double[batch * u];
        static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
        for (int b = 0; b < batch; b++)
        {
            var h = initialState.Skip(b * u).Take(u).ToArray();
            var c = initialCell.Skip(b * u).Take(u).ToArray();
            for (int t = 0; t < timeSteps && t < lengths[b]; t++)
            {
                var fromInput = new double[g];
                var fromState = new double[g];
                for (int j = 0; j < g; j++)
                {
                    fromInput[j] = parameters[bias + j];
                    fromState[j] = TShape.Cell == RecurrentCell.Gru ? parameters[recurrentBias + j] : 0;
                    for (int k = 0; k < n; k++) fromInput[j] += input[(b * timeSteps + t) * n + k] * (double)parameters[offset + k * g + j];
                    for (int k = 0; k < u; k++) fromState[j] += h[k] * parameters[recurrent + k * g + j];
                }
                var next = new double[u];
                for (int j = 0; j < u; j++)
                {
                    switch (TShape.Cell)
                    {
                        case RecurrentCell.Lstm:
                            double i = Sigmoid(fromInput[j] + fromState[j]), f = Sigmoid(fromInput[u + j] + fromState[u + j]);
                            double o = Sigmoid(fromInput[2 * u + j] + fromState[2 * u + j]), candidate = Math.Tanh(fromInput[3 * u + j] + fromState[3 * u + j]);
                            c[j] = f * c[j] + i * candidate;
                            next[j] = o * Math.Tanh(c[j]);
                            break;
                        case RecurrentCell.Gru:
                            double r = Sigmoid(fromInput[j] + fromState[j]), z = Sigmoid(fromInput[u + j] + fromState[u + j]);
                            double proposal = Math.Tanh(fromInput[2 * u + j] + r * fromState[2 * u + j]);
                            next[j] = (1 - z) * proposal + z * h[j];
                            break;
                        default:
                            next[j] = Math.Tanh(fromInput[j] + fromState[j]);
                            break;
                    }
                }
                h = next;
                if (TShape.ReturnsSequences) Array.Copy(h, 0, output, (b * timeSteps + t) * u, u);
            }
            if (!TShape.ReturnsSequences) Array.Copy(h, 0, output, b * u, u);
            Array.Copy(h, 0, finalState, b * u, u);
            Array.Copy(c, 0, finalCell, b * u, u);
        }
        return output;
    }
}
