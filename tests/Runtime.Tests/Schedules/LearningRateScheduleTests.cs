using System;
using Xunit;

namespace DslNet.Tests;

public sealed class LearningRateScheduleTests
{
    private static float[] Rates(ILearningRateSchedule schedule, int count)
    {
        var rates = new float[count];
        for (int step = 0; step < count; step++) rates[step] = schedule.LearningRate(step);
        return rates;
    }

    [Fact]
    public void ConstantIsConstant()
    {
        Assert.Equal([0.25f, 0.25f, 0.25f], Rates(new ConstantSchedule(0.25f), 3));
    }

    [Fact]
    public void StepDecayMultipliesByGammaEveryStepSizeSteps()
    {
        // StepLR(step_size=3, gamma=0.5) from 1: powers of two are exact.
        Assert.Equal([1f, 1f, 1f, 0.5f, 0.5f, 0.5f, 0.25f, 0.25f], Rates(new StepDecaySchedule(1f, 3, 0.5f), 8));
    }

    [Fact]
    public void StepDecayDefaultsToGammaPointOneAsPyTorch()
    {
        var schedule = new StepDecaySchedule(0.5f, 10);
        Assert.Equal(0.1f, schedule.Gamma);
        Assert.Equal(0.5f, schedule.LearningRate(9));
        Assert.Equal((float)(0.5 * (double)0.1f), schedule.LearningRate(10));
        Assert.Equal((float)(0.5 * Math.Pow(0.1f, 2)), schedule.LearningRate(25));
    }

    [Fact]
    public void CosineAnnealingFollowsHalfACosineThenStaysAtTheMinimum()
    {
        // period 4 from 1 to 0: (1 + cos(π·t/4)) / 2 = 1, (2 + √2)/4, 1/2, (2 − √2)/4, 0, then 0.
        var rates = Rates(new CosineAnnealingSchedule(1f, 4), 6);
        Assert.Equal(1f, rates[0]);
        Assert.Equal((float)((2 + Math.Sqrt(2)) / 4), rates[1]);
        Assert.Equal(0.5f, rates[2], tolerance: 1e-7f);
        Assert.Equal((float)((2 - Math.Sqrt(2)) / 4), rates[3], tolerance: 1e-7f);
        Assert.Equal(0f, rates[4]);
        Assert.Equal(0f, rates[5]);
    }

    [Fact]
    public void CosineAnnealingWithAMinimumMatchesPyTorchsClosedForm()
    {
        var schedule = new CosineAnnealingSchedule(0.1f, 10, 0.01f);
        for (int step = 0; step <= 10; step++)
        {
            double expected = 0.01f + ((double)0.1f - 0.01f) * (1 + Math.Cos(Math.PI * step / 10)) / 2;
            Assert.Equal((float)expected, schedule.LearningRate(step));
        }
        Assert.Equal(0.01f, schedule.LearningRate(11));
    }

    [Fact]
    public void WarmupRisesEvenlyToTheTargetByDefault()
    {
        // W = 3: factors 1/4, 2/4, 3/4, then the constant.
        var schedule = new LinearWarmupSchedule(new ConstantSchedule(1f), 3);
        Assert.Equal([0.25f, 0.5f, 0.75f, 1f, 1f], Rates(schedule, 5));
    }

    [Fact]
    public void WarmupWithAStartFactorIsPyTorchsLinearLR()
    {
        // LinearLR(start_factor=0.5, total_iters=4): factor 0.5 + 0.5·t/4.
        var schedule = new LinearWarmupSchedule(new ConstantSchedule(2f), 4, startFactor: 0.5f);
        Assert.Equal([1f, 1.25f, 1.5f, 1.75f, 2f, 2f], Rates(schedule, 6));
    }

    [Fact]
    public void WarmupShiftsTheScheduleItLeadsInto()
    {
        // Two warm-up steps towards step decay's first rate, then step decay from its own step 0.
        var schedule = new LinearWarmupSchedule(new StepDecaySchedule(0.75f, 2, 0.5f), 2);
        Assert.Equal([0.25f, 0.5f, 0.75f, 0.75f, 0.375f, 0.375f, 0.1875f], Rates(schedule, 7));
    }

    [Fact]
    public void WarmupThenCosineSpansBoth()
    {
        var schedule = new LinearWarmupSchedule(new CosineAnnealingSchedule(1f, 4), 1);
        Assert.Equal(0.5f, schedule.LearningRate(0));
        Assert.Equal(1f, schedule.LearningRate(1));
        Assert.Equal(0.5f, schedule.LearningRate(3), tolerance: 1e-7f);
        Assert.Equal(0f, schedule.LearningRate(5));
    }

    [Fact]
    public void ApplyToSetsTheOptimizersRateForAnEpoch()
    {
        var optimizer = new SgdOptimizer(1f);
        var schedule = new StepDecaySchedule(1f, 1, 0.5f);
        Assert.Equal(0.25f, schedule.ApplyTo(optimizer, 2));
        Assert.Equal(0.25f, optimizer.LearningRate);
    }

    [Fact]
    public void SchedulesRejectNegativeStepsAndBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantSchedule(1f).LearningRate(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantSchedule(-1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecaySchedule(1f, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecaySchedule(1f, 1, 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealingSchedule(1f, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealingSchedule(1f, 5, float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearWarmupSchedule(new ConstantSchedule(1f), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearWarmupSchedule(new ConstantSchedule(1f), 2, 1.5f));
        Assert.Throws<ArgumentNullException>(() => new LinearWarmupSchedule(null!, 2));
    }
}
