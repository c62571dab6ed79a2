using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace DslNet.Tests;

public sealed class DatasetTests
{
    [Fact]
    public void SlicesSamplesOutOfTheArrays()
    {
        var data = new Dataset([1, 2, 3, 4, 5, 6], [10, 20, 30], count: 3);

        Assert.Equal(3, data.Count);
        Assert.Equal(2, data.InputSize);
        Assert.Equal(1, data.TargetSize);
        Assert.Equal([3f, 4f], data.Input(1).ToArray());
        Assert.Equal([30f], data.Target(2).ToArray());
    }

    [Fact]
    public void RejectsIndicesOutsideTheSamples()
    {
        var data = new Dataset([1, 2], [1, 2], count: 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Input(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Target(-1));
    }

    [Fact]
    public void RejectsACountThatIsNotPositive()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset([], [], count: 0));
        Assert.Equal("count", e.ParamName);
        Assert.Contains("count 0", e.Message);
    }

    [Fact]
    public void RejectsInputsThatDoNotDivideIntoTheSamples()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset(new float[7], new float[3], count: 3));
        Assert.Equal("inputs", e.ParamName);
        Assert.Contains("7 floats", e.Message);
        Assert.Contains("3 samples", e.Message);
    }

    [Fact]
    public void RejectsTargetsThatDoNotDivideIntoTheSamples()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset(new float[6], new float[4], count: 3));
        Assert.Equal("targets", e.ParamName);
        Assert.Contains("4 floats", e.Message);
        Assert.Throws<ArgumentException>(() => new Dataset(new float[6], [], count: 3));
    }

    [Fact]
    public void FromLabelsMakesOneHotTargets()
    {
        var data = Dataset.FromLabels([1, 2, 3], [2, 0, 1], classCount: 3);

        Assert.Equal(3, data.TargetSize);
        Assert.Equal([0f, 0f, 1f], data.Target(0).ToArray());
        Assert.Equal([1f, 0f, 0f], data.Target(1).ToArray());
        Assert.Equal([0f, 1f, 0f], data.Target(2).ToArray());
        Assert.Equal([3f], data.Input(2).ToArray());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public void FromLabelsNamesTheLabelOutOfRange(int bad)
    {
        var e = Assert.Throws<ArgumentException>(() => Dataset.FromLabels([1, 2, 3], [0, 1, bad], classCount: 3));
        Assert.Contains("labels[2]", e.Message);
        Assert.Contains(bad.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        Assert.Contains("[0, 3)", e.Message);
    }

    [Fact]
    public void FromLabelsNeedsTwoClasses()
    {
        Assert.Throws<ArgumentException>(() => Dataset.FromLabels([1], [0], classCount: 1));
    }

    [Fact]
    public void SplitPartitionsTheSamples()
    {
        Dataset data = Numbered(10);

        var (first, second) = data.Split(0.7, seed: 5);

        Assert.Equal(7, first.Count);
        Assert.Equal(3, second.Count);
        var ids = Ids(first).Concat(Ids(second)).ToList();
        Assert.Equal(Enumerable.Range(0, 10), ids.Order());
        // Each sample keeps its own target.
        foreach (var part in new[] { first, second })
        {
            for (int i = 0; i < part.Count; i++) Assert.Equal(-part.Input(i)[0], part.Target(i)[0]);
        }
    }

    [Fact]
    public void SplitIsSeeded()
    {
        Dataset data = Numbered(50);

        var a = data.Split(0.5, seed: 1);
        var b = data.Split(0.5, seed: 1);
        var c = data.Split(0.5, seed: 2);

        Assert.Equal(Ids(a.First), Ids(b.First));
        Assert.Equal(Ids(a.Second), Ids(b.Second));
        Assert.NotEqual(Ids(a.First), Ids(c.First));
        // Shuffled, not a prefix.
        Assert.NotEqual(Enumerable.Range(0, 25), Ids(a.First));
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.9)]
    public void SplitRejectsAnEmptyPart(double fraction)
    {
        var e = Assert.Throws<ArgumentException>(() => Numbered(3).Split(fraction, seed: 0));
        Assert.Contains("3 samples", e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void SplitRejectsAFractionOutsideZeroToOne(double fraction)
    {
        var e = Assert.Throws<ArgumentException>(() => Numbered(10).Split(fraction, seed: 0));
        Assert.Equal("firstFraction", e.ParamName);
    }

    // Sample i has input [i, i] and target [−i].
    private static Dataset Numbered(int count)
    {
        var inputs = new float[count * 2];
        var targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            inputs[2 * i] = inputs[2 * i + 1] = i;
            targets[i] = -i;
        }
        return new Dataset(inputs, targets, count);
    }

    private static List<int> Ids(Dataset data)
    {
        var ids = new List<int>();
        for (int i = 0; i < data.Count; i++) ids.Add((int)data.Input(i)[0]);
        return ids;
    }

    [Fact]
    public void Sequence_lengths_travel_with_their_samples_through_a_split()
    {
        var inputs = new float[] { 0, 0, 1, 1, 2, 2, 3, 3 };
        var targets = new float[] { 0, 1, 2, 3 };
        var data = new Dataset(inputs, targets, 4, lengths: [2, 1, 0, 2]);
        Assert.True(data.HasLengths);
        var (first, second) = data.Split(0.5, seed: 3);
        foreach (var part in new[] { first, second })
        {
            for (int i = 0; i < part.Count; i++)
            {
                int original = (int)part.Target(i)[0];
                Assert.Equal(data.Lengths[original], part.Lengths[i]);
            }
        }
        Assert.False(new Dataset(inputs, targets, 4).HasLengths);
        Assert.Contains("one length per sample, 4, got 3", Assert.Throws<ArgumentException>(() => new Dataset(inputs, targets, 4, lengths: [1, 1, 1])).Message);
        Assert.Contains("lengths[1] is -1", Assert.Throws<ArgumentException>(() => new Dataset(inputs, targets, 4, lengths: [1, -1, 1, 1])).Message);
    }

    [Fact]
    public void RejectsANaNInputNamingTheSample()
    {
        float[] inputs = [1, 2, 3, 4, 5, float.NaN];
        var e = Assert.Throws<ArgumentException>(() => new Dataset(inputs, [1, 2, 3], count: 3));
        Assert.Equal("inputs", e.ParamName);
        Assert.Contains("inputs[5] (sample 2, value 1 of 2) is NaN", e.Message);
        Assert.Contains("allowNonFinite", e.Message);
    }

    [Fact]
    public void RejectsAnInfiniteTargetNamingTheSample()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset([1, 2, 3], [1, float.NegativeInfinity, 3], count: 3));
        Assert.Equal("targets", e.ParamName);
        Assert.Contains("sample 1", e.Message);
        Assert.Contains("-∞", e.Message.Replace("-Infinity", "-∞"));
    }

    [Fact]
    public void FromLabelsRejectsANaNInput()
    {
        var e = Assert.Throws<ArgumentException>(() => Dataset.FromLabels([0, 1, float.NaN, 3], [0, 1], classCount: 2));
        Assert.Contains("sample 1", e.Message);
    }

    [Fact]
    public void NonFiniteValuesAreKeptOnlyWhenAskedForAndSplitKeepsTheChoice()
    {
        var data = Dataset.FromLabels([0, 1, float.NaN, 3], [0, 1], classCount: 2, allowNonFinite: true);
        Assert.True(data.AllowsNonFinite);
        var (first, second) = data.Split(0.5, seed: 1);
        Assert.True(first.AllowsNonFinite && second.AllowsNonFinite);
        Assert.False(new Dataset([1, 2], [1, 2], count: 2).AllowsNonFinite);
    }

    [Fact]
    public void FiniteValuesWhoseSumOverflowsAreAccepted()
    {
        var data = new Dataset([float.MaxValue, float.MaxValue], [1, 2], count: 2);
        Assert.Equal(2, data.Count);
    }
}
