using System;
using System.Linq;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// The runtime's Add layer against a written-out reference in double precision: two to four inputs, every activation
/// (softmax per row), several row sizes and row counts, buffers longer than the rows used and nothing written past them.
/// Backward has no code of its own (dL/dx = dL/dz, copied by the network), so forward is all there is to check.
/// </summary>
public sealed class AddLayerTests
{
    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 1)]
    [InlineData(3, 7)]
    [InlineData(17, 16)]
    [InlineData(40, 33)]
    public void Forward_matches_the_reference_for_every_activation_and_input_count(int rows, int rowSize)
    {
        foreach (var activation in Enum.GetValues<Activation>())
        {
            for (int inputs = 2; inputs <= 4; inputs++) Check(rows, rowSize, inputs, activation);
        }
    }

    [Fact]
    public void Bad_buffers_are_refused_with_what_they_hold_and_need()
    {
        var error = Assert.Throws<ArgumentException>(() => AddLayer.Forward(new float[5], new float[6], new float[6], 2, 3, Activation.Linear));
        Assert.Contains("input0 holds 5 floats; 2 rows of 3 need 6", error.Message);
        Assert.Throws<ArgumentException>(() => AddLayer.Forward(new float[6], new float[5], new float[6], 2, 3, Activation.Linear));
        Assert.Throws<ArgumentException>(() => AddLayer.Forward(new float[6], new float[6], new float[5], 2, 3, Activation.ReLU));
        Assert.Throws<ArgumentException>(() => AddLayer.Forward(new float[6], new float[6], new float[6], -1, 3, Activation.ReLU));
        Assert.Throws<ArgumentOutOfRangeException>(() => AddLayer.Forward(new float[6], new float[6], new float[6], 2, 0, Activation.ReLU));
        error = Assert.Throws<ArgumentException>(() => AddLayer.AddInput(new float[5], new float[6], 2, 3, Activation.Tanh));
        Assert.Contains("input holds 5 floats", error.Message);
        Assert.Throws<ArgumentException>(() => AddLayer.AddInput(new float[6], new float[5], 2, 3, Activation.Tanh));
    }

    private static void Check(int rows, int rowSize, int inputCount, Activation activation)
    {
        const int spare = 3;
        var random = new Random(rows * 1000 + rowSize * 10 + inputCount);
        float[] Draw(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        var inputs = Enumerable.Range(0, inputCount).Select(_ => Draw(rows * rowSize + spare)).ToArray();
        var output = Enumerable.Repeat(float.NaN, rows * rowSize + spare).ToArray();

        // As the generated code calls it: two inputs at once, each further one added, the last call activating.
        AddLayer.Forward(inputs[0], inputs[1], output, rows, rowSize, inputCount == 2 ? activation : Activation.Linear);
        for (int k = 2; k < inputCount; k++) AddLayer.AddInput(inputs[k], output, rows, rowSize, k == inputCount - 1 ? activation : Activation.Linear);

        for (int r = 0; r < rows; r++)
        {
            var z = new double[rowSize];
            for (int j = 0; j < rowSize; j++) z[j] = inputs.Sum(input => (double)input[r * rowSize + j]);
            var expected = Activate(z, activation);
            for (int j = 0; j < rowSize; j++)
            {
                Assert.True(Math.Abs(expected[j] - output[r * rowSize + j]) <= 1e-5 * Math.Max(1, Math.Abs(expected[j])),
                    $"{activation}, {inputCount} inputs, row {r}, column {j}: expected {expected[j]}, got {output[r * rowSize + j]}");
            }
        }
        Assert.All(output.Skip(rows * rowSize), value => Assert.True(float.IsNaN(value)));
    }

    private static double[] Activate(double[] z, Activation activation)
    {
        switch (activation)
        {
            case Activation.ReLU: return z.Select(v => Math.Max(v, 0)).ToArray();
            case Activation.Sigmoid: return z.Select(v => 1 / (1 + Math.Exp(-v))).ToArray();
            case Activation.Tanh: return z.Select(Math.Tanh).ToArray();
            case Activation.Softmax:
                double max = z.Max();
                var e = z.Select(v => Math.Exp(v - max)).ToArray();
                double total = e.Sum();
                return e.Select(v => v / total).ToArray();
            default: return z;
        }
    }
}
