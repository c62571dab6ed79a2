using System;
using System.Linq;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// The runtime's embedding, generic over its shape struct: forward copies the ids' rows, the gradient adds each row's
/// delta to its id's row (twice for an id met twice), at a parameter offset and on buffers longer than the rows used;
/// ids that are not whole numbers in the vocabulary are refused before any row is read.
/// </summary>
public sealed class EmbeddingLayerTests
{
    private struct Vocabulary5Dimension4 : IEmbeddingShape { public static int Vocabulary => 5; public static int Dimension => 4; }
    private struct Vocabulary30Dimension13 : IEmbeddingShape { public static int Vocabulary => 30; public static int Dimension => 13; }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(40)]
    public void Rows_are_copied_and_their_gradients_added(int rows)
    {
        Check<Vocabulary5Dimension4>(rows);
        Check<Vocabulary30Dimension13>(rows);
    }

    [Fact]
    public void Bad_ids_and_buffers_are_refused_with_what_was_wrong()
    {
        var parameters = new float[20];
        var error = Assert.Throws<ArgumentException>(() => EmbeddingLayer.Forward<Vocabulary5Dimension4>(parameters, 0, [1, 5], new float[8], 2, "embedding1"));
        Assert.Contains("embedding1: token ids must be whole numbers in [0, 5), got 5 at position 1", error.Message);
        error = Assert.Throws<ArgumentException>(() => EmbeddingLayer.Forward<Vocabulary5Dimension4>(parameters, 0, [1.5f], new float[4], 1, "embedding1"));
        Assert.Contains("got 1.5 at position 0", error.Message);
        error = Assert.Throws<ArgumentException>(() => EmbeddingLayer.ParameterGradients<Vocabulary5Dimension4>(parameters, 0, [-1, 0], new float[8], 2, "embedding1"));
        Assert.Contains("got -1 at position 0", error.Message);
        error = Assert.Throws<ArgumentException>(() => EmbeddingLayer.Forward<Vocabulary5Dimension4>(parameters, 0, [1, 2], new float[7], 2, "embedding1"));
        Assert.Contains("output holds 7 floats; 2 rows of 4 need 8", error.Message);
        error = Assert.Throws<ArgumentException>(() => EmbeddingLayer.Forward<Vocabulary5Dimension4>(parameters, 0, [1], new float[8], 2, "embedding1"));
        Assert.Contains("input holds 1 floats; 2 rows of 1 need 2", error.Message);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddingLayer.Forward<Vocabulary5Dimension4>(parameters, 1, [1], new float[4], 1, "embedding1"));
        Assert.Contains("20 floats from 1 do not fit the 20 parameters", range.Message);
        error = Assert.Throws<ArgumentException>(() => EmbeddingLayer.ParameterGradients<Vocabulary5Dimension4>(parameters, 0, [1, 2], new float[7], 2, "embedding1"));
        Assert.Contains("delta holds 7 floats; 2 rows of 4 need 8", error.Message);
    }

    private static void Check<TShape>(int rows) where TShape : struct, IEmbeddingShape
    {
        int v = TShape.Vocabulary, d = TShape.Dimension;
        const int offset = 6, spare = 3;
        var random = new Random(v * 100 + rows);
        var parameters = Enumerable.Range(0, offset + v * d + spare).Select(_ => (float)random.NextDouble()).ToArray();
        // Ids repeat once there are more rows than the vocabulary has words; the spare ids are out of range and unread.
        var ids = Enumerable.Range(0, rows).Select(_ => (float)random.Next(v)).Concat(Enumerable.Repeat(-1f, spare)).ToArray();
        var delta = Enumerable.Range(0, rows * d + spare).Select(_ => (float)random.NextDouble()).ToArray();

        var output = Enumerable.Repeat(float.NaN, rows * d + spare).ToArray();
        EmbeddingLayer.Forward<TShape>(parameters, offset, ids, output, rows, "embedding");
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < d; j++) Assert.Equal(parameters[offset + (int)ids[r] * d + j], output[r * d + j]);
        Assert.All(output.Skip(rows * d), value => Assert.True(float.IsNaN(value)));

        var gradients = Enumerable.Range(0, parameters.Length).Select(_ => (float)random.NextDouble()).ToArray();
        var before = (float[])gradients.Clone();
        EmbeddingLayer.ParameterGradients<TShape>(gradients, offset, ids, delta, rows, "embedding");
        var expected = before.Select(value => (double)value).ToArray();
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < d; j++) expected[offset + (int)ids[r] * d + j] += delta[r * d + j];
        for (int i = 0; i < gradients.Length; i++) Assert.True(Math.Abs(expected[i] - gradients[i]) <= 1e-5 * Math.Max(1, rows), $"gradient[{i}]: expected {expected[i]}, got {gradients[i]}");
    }
}
