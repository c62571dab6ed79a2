using System;
using System.IO;
using Xunit;

namespace DslNet.Tests;

/// <summary>Exporting and importing optimiser state: exact continuation, and refusal without side effects.</summary>
public sealed class OptimizerStateTests
{
    private static readonly ParameterLayout s_layout = OptimizerCases.MixedLayout;

    private static float[] Gradient(int step) => TestData.Uniform(s_layout.ParameterCount, -1, 1, seed: 100 + step);

    private static IOptimizer Bound(string name)
    {
        var optimizer = OptimizerCases.Create(name);
        optimizer.Bind(s_layout);
        return optimizer;
    }

    [Theory]
    [MemberData(nameof(OptimizerCases.All), MemberType = typeof(OptimizerCases))]
    public void AnImportedStateContinuesBitForBit(string name)
    {
        var original = Bound(name);
        float[] parameters = TestData.Uniform(s_layout.ParameterCount, -1, 1, seed: 1);
        for (int step = 0; step < 3; step++) original.Step(parameters, Gradient(step));

        var copy = Bound(name);
        copy.ImportState(original.ExportState());
        float[] copied = (float[])parameters.Clone();
        for (int step = 3; step < 6; step++)
        {
            original.Step(parameters, Gradient(step));
            copy.Step(copied, Gradient(step));
        }
        Assert.Equal(parameters, copied);
        Assert.Equal(original.LearningRate, copy.LearningRate);
    }

    [Theory]
    [MemberData(nameof(OptimizerCases.All), MemberType = typeof(OptimizerCases))]
    public void AStateBeforeTheFirstStepResetsTheOptimizer(string name)
    {
        var fresh = OptimizerCases.Create(name).ExportState();
        var used = Bound(name);
        float[] a = TestData.Uniform(s_layout.ParameterCount, -1, 1, seed: 1);
        used.Step((float[])a.Clone(), Gradient(0));
        used.ImportState(fresh);

        var reference = Bound(name);
        float[] b = (float[])a.Clone();
        used.Step(a, Gradient(1));
        reference.Step(b, Gradient(1));
        Assert.Equal(b, a);
    }

    [Fact]
    public void TheExportIsASnapshot()
    {
        var optimizer = Bound("Adam");
        float[] parameters = new float[s_layout.ParameterCount];
        optimizer.Step(parameters, Gradient(0));
        var state = optimizer.ExportState();
        float[] moment = (float[])state.GetVector("firstMoment").Clone();
        optimizer.Step(parameters, Gradient(1));
        Assert.Equal(moment, state.GetVector("firstMoment"));
        Assert.Equal(1, state.GetScalar("step"));
    }

    [Fact]
    public void TheLearningRateIsRestored()
    {
        var original = new AdamOptimizer(0.125f);
        var copy = new AdamOptimizer(0.5f);
        copy.ImportState(original.ExportState());
        Assert.Equal(0.125f, copy.LearningRate);
    }

    [Fact]
    public void AStateOfAnotherOptimizerIsRefusedAndChangesNothing()
    {
        var adam = Bound("Adam");
        adam.Step(new float[s_layout.ParameterCount], Gradient(0));
        var target = new AdamWOptimizer(0.25f);
        target.Bind(s_layout);

        var e = Assert.Throws<InvalidDataException>(() => target.ImportState(adam.ExportState()));
        Assert.Contains("AdamOptimizer", e.Message);
        Assert.Contains("AdamWOptimizer", e.Message);
        AssertUntouched(target, new AdamWOptimizer(0.25f));
    }

    [Fact]
    public void AStateMadeWithOtherSettingsIsRefusedNamingBothValues()
    {
        var source = new AdamOptimizer(beta2: 0.99f);
        source.Step(new float[s_layout.ParameterCount], Gradient(0));
        var target = new AdamOptimizer(beta2: 0.999f);
        target.Bind(s_layout);

        var e = Assert.Throws<InvalidDataException>(() => target.ImportState(source.ExportState()));
        Assert.Contains("beta2", e.Message);
        Assert.Contains(((double)0.99f).ToString("R", System.Globalization.CultureInfo.InvariantCulture), e.Message);
        Assert.Contains(((double)0.999f).ToString("R", System.Globalization.CultureInfo.InvariantCulture), e.Message);
        AssertUntouched(target, new AdamOptimizer(beta2: 0.999f));
    }

    [Theory]
    [InlineData("Momentum")]
    [InlineData("RmsPropCenteredMomentumDecay")]
    [InlineData("Adam")]
    [InlineData("AdamW")]
    [InlineData("Scheduled")]
    public void AStateForAnotherParameterCountIsRefusedAndChangesNothing(string name)
    {
        var source = OptimizerCases.Create(name);
        source.Step(new float[4], new float[] { 1, 2, 3, 4 });
        var target = Bound(name);

        var e = Assert.Throws<InvalidDataException>(() => target.ImportState(source.ExportState()));
        Assert.Contains("4", e.Message);
        Assert.Contains("10", e.Message);
        AssertUntouched(target, OptimizerCases.Create(name));
    }

    [Fact]
    public void AnAdamStateWithAStepButNoMomentsIsRefused()
    {
        var state = new AdamOptimizer().ExportState();
        var forged = new OptimizerState(state.Optimizer);
        foreach (var (key, value) in state.Scalars) forged.AddScalar(key, key == "step" ? 3 : value);
        foreach (var (key, value) in state.Vectors) forged.AddVector(key, value);
        var e = Assert.Throws<InvalidDataException>(() => new AdamOptimizer().ImportState(forged));
        Assert.Contains("step 3", e.Message);
    }

    [Fact]
    public void AMissingEntryIsNamed()
    {
        var state = new OptimizerState(nameof(SgdMomentumOptimizer)).AddScalar(OptimizerState.LearningRateName, 0.1);
        var e = Assert.Throws<InvalidDataException>(() => new SgdMomentumOptimizer(0.1f).ImportState(state));
        Assert.Contains("momentum", e.Message);
    }

    [Fact]
    public void TheScheduledOptimizerNestsTheWrappedStateAndRestoresItsStep()
    {
        var schedule = new StepDecaySchedule(1f, 2, 0.5f);
        var original = new ScheduledOptimizer(new SgdMomentumOptimizer(1f), schedule);
        for (int i = 0; i < 3; i++) original.Step(new float[2], [1f, 1f]);
        var state = original.ExportState();
        Assert.Equal(nameof(ScheduledOptimizer), state.Optimizer);
        Assert.Equal(nameof(SgdMomentumOptimizer), state.Inner!.Optimizer);

        var copy = new ScheduledOptimizer(new SgdMomentumOptimizer(1f), schedule);
        copy.ImportState(state);
        Assert.Equal(3, copy.StepCount);
        Assert.Equal(0.5f, copy.LearningRate);
    }

    [Fact]
    public void AScheduledStateWhoseWrappedStateIsRefusedLeavesTheStepCount()
    {
        var source = new ScheduledOptimizer(new AdamOptimizer(), new ConstantSchedule(0.1f));
        source.Step(new float[2], [1f, 1f]);
        var target = new ScheduledOptimizer(new RmsPropOptimizer(), new ConstantSchedule(0.1f));
        Assert.Throws<InvalidDataException>(() => target.ImportState(source.ExportState()));
        Assert.Equal(0, target.StepCount);
    }

    [Fact]
    public void TheDefaultImplementationCarriesTheLearningRate()
    {
        IOptimizer source = new PlainTestOptimizer { LearningRate = 0.25f };
        var state = source.ExportState();
        Assert.Equal(nameof(PlainTestOptimizer), state.Optimizer);

        IOptimizer target = new PlainTestOptimizer();
        target.ImportState(state);
        Assert.Equal(0.25f, target.LearningRate);

        var e = Assert.Throws<InvalidDataException>(() => target.ImportState(new SgdOptimizer(0.5f).ExportState()));
        Assert.Contains(nameof(PlainTestOptimizer), e.Message);
    }

    [Fact]
    public void EntryNamesAreUnique()
    {
        var state = new OptimizerState("X").AddScalar("a", 1);
        Assert.Throws<ArgumentException>(() => state.AddVector("a", []));
        Assert.Throws<ArgumentException>(() => state.AddScalar("", 1));
    }

    /// <summary>The optimiser behaves exactly as a fresh one of the same settings: its import changed nothing.</summary>
    private static void AssertUntouched(IOptimizer optimizer, IOptimizer fresh)
    {
        fresh.Bind(s_layout);
        Assert.Equal(fresh.LearningRate, optimizer.LearningRate);
        float[] a = TestData.Uniform(s_layout.ParameterCount, -1, 1, seed: 9), b = (float[])a.Clone();
        for (int step = 0; step < 2; step++)
        {
            optimizer.Step(a, Gradient(step));
            fresh.Step(b, Gradient(step));
        }
        Assert.Equal(b, a);
    }

    /// <summary>An optimiser that implements only what every optimiser must, relying on the interface defaults.</summary>
    private sealed class PlainTestOptimizer : IOptimizer
    {
        public float LearningRate { get; set; } = 1f;

        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
        }
    }
}
