using System;
using System.Linq;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// The runtime's attention layer, generic over its shape struct, against a written-out reference in double precision:
/// forward, parameter gradients (added to what is there) and input gradient, causal and not, with sequences shorter than
/// the time steps (one of length 0), heads of 2 to 32 features (written out up to 16, a loop past it, tails after four
/// lanes), widths whose products run in cache slices, on every vector path, at parameter offsets and on buffers longer
/// than the rows used.
/// </summary>
public sealed class AttentionLayerTests
{
    private struct Width4Heads2Causal : IAttentionShape { public static int Width => 4; public static int Heads => 2; public static bool Causal => true; }
    private struct Width6Heads1 : IAttentionShape { public static int Width => 6; public static int Heads => 1; }
    private struct Width20Heads4Causal : IAttentionShape { public static int Width => 20; public static int Heads => 4; public static bool Causal => true; }
    private struct Width12Heads3 : IAttentionShape { public static int Width => 12; public static int Heads => 3; }
    private struct Width26Heads2 : IAttentionShape { public static int Width => 26; public static int Heads => 2; }
    private struct Width32Heads2Causal : IAttentionShape { public static int Width => 32; public static int Heads => 2; public static bool Causal => true; }
    private struct Width72Heads3Causal : IAttentionShape { public static int Width => 72; public static int Heads => 3; public static bool Causal => true; }
    // W [160, 480] takes 300 KB: the projection's reduction runs in cache slices.
    private struct Width160Heads5 : IAttentionShape { public static int Width => 160; public static int Heads => 5; }
    private struct Width6Heads4 : IAttentionShape { public static int Width => 6; public static int Heads => 4; }

    [Theory]
    [InlineData(1, 1, new[] { 1 })]
    [InlineData(1, 5, new[] { 3 })]
    [InlineData(3, 4, new[] { 4, 1, 2 })]
    [InlineData(4, 6, new[] { 6, 0, 5, 6 })]
    public void Every_pass_matches_the_reference_on_every_path(int batch, int timeSteps, int[] lengths)
    {
        CheckOnEveryPath<Width4Heads2Causal>(batch, timeSteps, lengths);
        CheckOnEveryPath<Width6Heads1>(batch, timeSteps, lengths);
        CheckOnEveryPath<Width20Heads4Causal>(batch, timeSteps, lengths);
        CheckOnEveryPath<Width12Heads3>(batch, timeSteps, lengths);
        CheckOnEveryPath<Width26Heads2>(batch, timeSteps, lengths);
        CheckOnEveryPath<Width32Heads2Causal>(batch, timeSteps, lengths);
        CheckOnEveryPath<Width72Heads3Causal>(batch, timeSteps, lengths);
    }

    [Fact]
    public void A_wide_layer_matches_the_reference_with_its_products_in_cache_slices()
    {
        Check<Width160Heads5, WidestPath>(2, 3, [3, 2]);
        Check<Width160Heads5, ScalarPath>(2, 3, [3, 2]);
    }

    [Fact]
    public void Bad_arguments_are_refused_with_what_they_hold_and_need()
    {
        const int d = 4;
        var parameters = new float[3 * d * d + 3 * d + d * d + d];
        int bias = 3 * d * d, outputWeight = bias + 3 * d, outputBias = outputWeight + d * d;
        var buffers = new AttentionBuffers(d);
        buffers.EnsureCapacity(2, 3);
        int[] lengths = [3, 2];
        var input = new float[6 * d];
        var output = new float[6 * d];

        var error = Assert.Throws<ArgumentException>(() => AttentionLayer.Forward<Width4Heads2Causal>(parameters, 0, bias, outputWeight, outputBias, new float[6 * d - 1], output, 2, 3, lengths, buffers));
        Assert.Contains("input holds 23 floats; 6 rows of 4 need 24", error.Message);
        error = Assert.Throws<ArgumentException>(() => AttentionLayer.Forward<Width4Heads2Causal>(parameters, 0, bias, outputWeight, outputBias, input, output, 3, 3, [3, 3, 3], buffers));
        Assert.Contains("buffers hold 6 rows and 3 time steps; 3 sequences of 3 steps need 9 rows", error.Message);
        error = Assert.Throws<ArgumentException>(() => AttentionLayer.Forward<Width4Heads2Causal>(parameters, 0, bias, outputWeight, outputBias, input, output, 2, 3, [3], buffers));
        Assert.Contains("lengths holds 1 lengths; 2 sequences need one each", error.Message);
        error = Assert.Throws<ArgumentOutOfRangeException>(() => AttentionLayer.Forward<Width4Heads2Causal>(parameters, 0, bias, outputWeight, outputBias, input, output, 2, 3, [3, 4], buffers));
        Assert.Contains("lengths[1] is 4; a sequence's length is from 0 to the 3 time steps", error.Message);
        error = Assert.Throws<ArgumentOutOfRangeException>(() => AttentionLayer.Forward<Width4Heads2Causal>(parameters, 0, bias, outputWeight, outputBias + 1, input, output, 2, 3, lengths, buffers));
        Assert.Contains("4 floats from 77 do not fit the 80 parameters", error.Message);
        error = Assert.Throws<ArgumentException>(() => AttentionLayer.Forward<Width6Heads1>(new float[200], 0, 108, 126, 162, new float[36], new float[36], 2, 3, lengths, buffers));
        Assert.Contains("buffers are for rows of 4 floats; this layer's rows hold 6", error.Message);
        error = Assert.Throws<ArgumentException>(() => AttentionLayer.Forward<Width6Heads4>(new float[200], 0, 108, 126, 162, new float[36], new float[36], 2, 3, lengths, new AttentionBuffers(6)));
        Assert.Contains("Width6Heads4: an attention layer needs a positive width its heads divide; it has width 6 and 4 heads", error.Message);
        error = Assert.Throws<ArgumentException>(() => AttentionLayer.ParameterGradients<Width4Heads2Causal>(parameters, parameters, 0, bias, outputWeight, outputBias, input, new float[5 * d], 2, 3, lengths, buffers));
        Assert.Contains("delta holds 20 floats; 6 rows of 4 need 24", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => AttentionLayer.ParameterGradients<Width4Heads2Causal>(parameters, new float[10], 0, bias, outputWeight, outputBias, input, output, 2, 3, lengths, buffers));
        error = Assert.Throws<ArgumentException>(() => AttentionLayer.InputGradient<Width4Heads2Causal>(parameters, 0, new float[6 * d], 7, buffers));
        Assert.Contains("buffers hold 6 rows; 7 rows need EnsureCapacity first", error.Message);
        error = Assert.Throws<ArgumentException>(() => AttentionLayer.InputGradient<Width4Heads2Causal>(parameters, 0, new float[5 * d], 6, buffers));
        Assert.Contains("inputGradient holds 20 floats; 6 rows of 4 need 24", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => AttentionLayer.InputGradient<Width4Heads2Causal>(parameters, 70, new float[6 * d], 6, buffers));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AttentionBuffers(0));
    }

    private static void CheckOnEveryPath<TShape>(int batch, int timeSteps, int[] lengths) where TShape : struct, IAttentionShape
    {
        Check<TShape, WidestPath>(batch, timeSteps, lengths);
        Check<TShape, Vector512Path>(batch, timeSteps, lengths);
        Check<TShape, Vector256Path>(batch, timeSteps, lengths);
        Check<TShape, Vector128Path>(batch, timeSteps, lengths);
        Check<TShape, ScalarPath>(batch, timeSteps, lengths);
    }

    private static void Check<TShape, TPath>(int batch, int timeSteps, int[] lengths) where TShape : struct, IAttentionShape where TPath : struct, IKernelPath
    {
        int d = TShape.Width, d3 = 3 * d, rows = batch * timeSteps;
        const int weightOffset = 5, spare = 3;
        int biasOffset = weightOffset + d * d3, outputWeightOffset = biasOffset + d3, outputBiasOffset = outputWeightOffset + d * d;
        string where = $"{typeof(TShape).Name} on {typeof(TPath).Name}, {batch} × {timeSteps}";
        var random = new Random(d * 100 + rows);
        float[] Draw(int count, float scale) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();
        var parameters = Draw(outputBiasOffset + d + spare, 0.5f);
        var input = Draw(rows * d + spare, 1f);
        var delta = Draw(rows * d + spare, 1f);
        // Larger than used: the layer reads only the rows and steps it is given.
        var buffers = new AttentionBuffers(d);
        buffers.EnsureCapacity(batch + 1, timeSteps + 2);

        var reference = new Reference(TShape.Heads, TShape.Causal, d, parameters, weightOffset, biasOffset, outputWeightOffset, outputBiasOffset, input, batch, timeSteps, lengths);

        var output = Enumerable.Repeat(float.NaN, rows * d + spare).ToArray();
        AttentionLayer.Forward<TShape, TPath>(parameters, weightOffset, biasOffset, outputWeightOffset, outputBiasOffset, input, output, batch, timeSteps, lengths, buffers);
        for (int i = 0; i < rows * d; i++) AssertClose(reference.Output[i], output[i], d3, where + $", output[{i}]");
        Assert.All(output.Skip(rows * d), value => Assert.True(float.IsNaN(value), where + ": written past the rows"));

        var gradients = Draw(parameters.Length, 0.1f);
        var before = (float[])gradients.Clone();
        AttentionLayer.ParameterGradients<TShape, TPath>(parameters, gradients, weightOffset, biasOffset, outputWeightOffset, outputBiasOffset, input, delta, batch, timeSteps, lengths, buffers);
        var (parameterGradients, inputGradients) = reference.Backward(delta);
        for (int i = 0; i < parameters.Length; i++)
        {
            bool inLayer = i >= weightOffset && i < outputBiasOffset + d;
            if (inLayer) AssertClose(before[i] + parameterGradients[i - weightOffset], gradients[i], rows + d, where + $", gradient[{i}]");
            else Assert.Equal(before[i], gradients[i]);
        }

        var inputGradient = Enumerable.Repeat(float.NaN, rows * d + spare).ToArray();
        AttentionLayer.InputGradient<TShape, TPath>(parameters, weightOffset, inputGradient, rows, buffers);
        for (int i = 0; i < rows * d; i++) AssertClose(inputGradients[i], inputGradient[i], d3, where + $", input gradient[{i}]");
        Assert.All(inputGradient.Skip(rows * d), value => Assert.True(float.IsNaN(value), where + ": input gradient written past the rows"));
    }

    /// <summary>Attention in double precision, each step as the layer's comment states it.</summary>
    private sealed class Reference
    {
        private readonly int _heads, _d, _e, _batch, _timeSteps;
        private readonly bool _causal;
        private readonly int[] _lengths;
        private readonly double[,] _w, _wo;
        private readonly double[,] _x, _projected, _context;
        private readonly double[][,] _probabilities; // per (b, h): [t, u]

        public Reference(int heads, bool causal, int d, float[] parameters, int weightOffset, int biasOffset, int outputWeightOffset, int outputBiasOffset, float[] input, int batch, int timeSteps, int[] lengths)
        {
            (_heads, _causal, _d, _e, _batch, _timeSteps, _lengths) = (heads, causal, d, d / heads, batch, timeSteps, lengths);
            int rows = batch * timeSteps;
            _w = Matrix(parameters, weightOffset, d, 3 * d);
            _wo = Matrix(parameters, outputWeightOffset, d, d);
            _x = Matrix(input, 0, rows, d);
            _projected = new double[rows, 3 * d];
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < 3 * d; j++)
                {
                    double sum = parameters[biasOffset + j];
                    for (int k = 0; k < d; k++) sum += _x[r, k] * _w[k, j];
                    _projected[r, j] = sum;
                }
            _context = new double[rows, d];
            _probabilities = new double[batch * heads][,];
            for (int b = 0; b < batch; b++)
                for (int h = 0; h < heads; h++)
                {
                    var p = _probabilities[b * heads + h] = new double[timeSteps, timeSteps];
                    for (int t = 0; t < lengths[b]; t++)
                    {
                        int keys = causal ? t + 1 : lengths[b];
                        var scores = new double[keys];
                        for (int u = 0; u < keys; u++)
                        {
                            for (int i = 0; i < _e; i++) scores[u] += Q(b, t, h, i) * K(b, u, h, i);
                            scores[u] /= Math.Sqrt(_e);
                        }
                        double max = scores.Max(), total = scores.Sum(s => Math.Exp(s - max));
                        for (int u = 0; u < keys; u++) p[t, u] = Math.Exp(scores[u] - max) / total;
                        for (int i = 0; i < _e; i++)
                        {
                            double sum = 0;
                            for (int u = 0; u < keys; u++) sum += p[t, u] * V(b, u, h, i);
                            _context[b * timeSteps + t, h * _e + i] = sum;
                        }
                    }
                }
            Output = new double[rows * d];
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < d; j++)
                {
                    double sum = parameters[outputBiasOffset + j];
                    for (int i = 0; i < d; i++) sum += _context[r, i] * _wo[i, j];
                    Output[r * d + j] = sum;
                }
        }

        public double[] Output { get; }

        private double Q(int b, int t, int h, int i) => _projected[b * _timeSteps + t, h * _e + i];

        private double K(int b, int u, int h, int i) => _projected[b * _timeSteps + u, _d + h * _e + i];

        private double V(int b, int u, int h, int i) => _projected[b * _timeSteps + u, 2 * _d + h * _e + i];

        /// <summary>dL/d(W, b, Wo, bo) in the layer's parameter order, and dL/dx, for L = Σ delta ⊙ y.</summary>
        public (double[] Parameters, double[] Input) Backward(float[] delta)
        {
            int d = _d, d3 = 3 * d, rows = _batch * _timeSteps;
            var outputWeight = new double[d, d];
            var outputBias = new double[d];
            var contextGradient = new double[rows, d];
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < d; j++)
                {
                    double dy = delta[r * d + j];
                    outputBias[j] += dy;
                    for (int i = 0; i < d; i++)
                    {
                        outputWeight[i, j] += _context[r, i] * dy;
                        contextGradient[r, i] += dy * _wo[i, j];
                    }
                }
            var projectedGradient = new double[rows, d3];
            for (int b = 0; b < _batch; b++)
                for (int h = 0; h < _heads; h++)
                {
                    var p = _probabilities[b * _heads + h];
                    for (int t = 0; t < _lengths[b]; t++)
                    {
                        int keys = _causal ? t + 1 : _lengths[b], row = b * _timeSteps + t;
                        var dp = new double[keys];
                        for (int u = 0; u < keys; u++)
                            for (int i = 0; i < _e; i++) dp[u] += contextGradient[row, h * _e + i] * V(b, u, h, i);
                        double expected = Enumerable.Range(0, keys).Sum(u => p[t, u] * dp[u]);
                        for (int u = 0; u < keys; u++)
                        {
                            double ds = p[t, u] * (dp[u] - expected) / Math.Sqrt(_e);
                            int key = b * _timeSteps + u;
                            for (int i = 0; i < _e; i++)
                            {
                                projectedGradient[row, h * _e + i] += ds * K(b, u, h, i);
                                projectedGradient[key, d + h * _e + i] += ds * Q(b, t, h, i);
                                projectedGradient[key, 2 * d + h * _e + i] += p[t, u] * contextGradient[row, h * _e + i];
                            }
                        }
                    }
                }
            var parameters = new double[d * d3 + d3 + d * d + d];
            var input = new double[rows * d];
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < d3; j++)
                {
                    double g = projectedGradient[r, j];
                    parameters[d * d3 + j] += g;
                    for (int k = 0; k < d; k++)
                    {
                        parameters[k * d3 + j] += _x[r, k] * g;
                        input[r * d + k] += g * _w[k, j];
                    }
                }
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++) parameters[d * d3 + d3 + i * d + j] = outputWeight[i, j];
            for (int j = 0; j < d; j++) parameters[d * d3 + d3 + d * d + j] = outputBias[j];
            return (parameters, input);
        }

        private static double[,] Matrix(float[] values, int offset, int rows, int columns)
        {
            var matrix = new double[rows, columns];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++) matrix[i, j] = values[offset + i * columns + j];
            return matrix;
        }
    }

    // A float sum of `terms` products of values up to about 1 is off by about terms · 2⁻²⁴ at worst; a parameter
    // gradient's terms are the rows (through the products) and the width (through the softmax before them).
    private static void AssertClose(double expected, float actual, int terms, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5 + 2e-6 * Math.Max(terms, 1) * Math.Max(1, Math.Abs(expected)),
            $"{what}: expected {expected}, got {actual}");
}
