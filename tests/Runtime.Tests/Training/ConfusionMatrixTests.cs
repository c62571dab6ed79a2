using System;
using System.Linq;
using Xunit;

namespace DslNet.Tests;

public sealed class ConfusionMatrixTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_count_sits_under_its_class_number(bool named)
    {
        var network = new LinearTestNetwork(2, 3, Activation.Softmax, seed: 1);
        var data = Dataset.FromLabels(TestData.Uniform(2 * 12, -1, 1, seed: 2), [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], classCount: 3);
        var matrix = ConfusionMatrix.Compute(network, data);

        string[] lines = matrix.ToString(named ? ["cat", "dog", "bird"] : null).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(4, lines.Length);
        int lastColumn = lines[0].IndexOf("  recall", StringComparison.Ordinal) - 1;
        Assert.Equal('2', lines[0][lastColumn]);
        foreach (string row in lines.Skip(1))
        {
            Assert.True(char.IsDigit(row[lastColumn]) && row[lastColumn + 1] == ' ', $"'{row}' against '{lines[0]}'");
        }
        Assert.Equal(12, matrix.Counts.Cast<int>().Sum());
    }
}
