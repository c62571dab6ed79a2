using System;
using Xunit;

namespace DslNet.Tests;

public sealed class GradientFreeOptionsTests
{
    [Fact]
    public void HasUsableDefaults()
    {
        var options = new GradientFreeOptions();
        Assert.Equal(10_000, options.MaxEvaluations);
        Assert.Equal(int.MaxValue, options.MaxIterations);
        Assert.Equal(double.NegativeInfinity, options.TargetValue);
        Assert.Equal(int.MaxValue, options.StallIterations);
        Assert.Equal(0, options.StallTolerance);
        Assert.Equal(1f, options.InitialScale);
        Assert.Equal(0, options.Seed);
    }

    public static TheoryData<GradientFreeOptions, string> BadOptions => new()
    {
        { new GradientFreeOptions { MaxEvaluations = 0 }, nameof(GradientFreeOptions.MaxEvaluations) },
        { new GradientFreeOptions { MaxIterations = 0 }, nameof(GradientFreeOptions.MaxIterations) },
        { new GradientFreeOptions { TargetValue = double.NaN }, nameof(GradientFreeOptions.TargetValue) },
        { new GradientFreeOptions { StallIterations = 0 }, nameof(GradientFreeOptions.StallIterations) },
        { new GradientFreeOptions { StallTolerance = -1 }, nameof(GradientFreeOptions.StallTolerance) },
        { new GradientFreeOptions { StallTolerance = double.PositiveInfinity }, nameof(GradientFreeOptions.StallTolerance) },
        { new GradientFreeOptions { InitialScale = 0 }, nameof(GradientFreeOptions.InitialScale) },
        { new GradientFreeOptions { InitialScale = float.NaN }, nameof(GradientFreeOptions.InitialScale) },
        { new GradientFreeOptions { InitialScale = float.PositiveInfinity }, nameof(GradientFreeOptions.InitialScale) },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void EveryOptimiserRejectsAnOptionOutOfRange(GradientFreeOptions options, string parameter)
    {
        foreach (string name in GradientFreeOptimizers.All)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
                GradientFreeOptimizers.Create(name).Minimize(new[] { 1f, 2f }, GradientFreeFunctions.Rastrigin, options));
            Assert.Equal(parameter, e.ParamName);
        }
    }
}
