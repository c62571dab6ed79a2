using System;
using DslNet.Tests.Shared;
using Xunit;

namespace DslNet.Tests;

/// <summary>Every optimiser allocates its state at most once; steps after the first allocate nothing.</summary>
[Collection(AllocationMeasurement.Name)]
public sealed class OptimizerAllocationTests
{
    [Theory]
    [MemberData(nameof(OptimizerCases.All), MemberType = typeof(OptimizerCases))]
    public void StepsAfterTheFirstAllocateNothingWhenBound(string name) => AssertNoAllocation(name, bind: true);

    [Theory]
    [MemberData(nameof(OptimizerCases.All), MemberType = typeof(OptimizerCases))]
    public void StepsAfterTheFirstAllocateNothingWhenUnbound(string name) => AssertNoAllocation(name, bind: false);

    private static void AssertNoAllocation(string name, bool bind)
    {
        var optimizer = OptimizerCases.Create(name);
        var layout = new ParameterLayout(
            new ParameterSlice("dense", "weight", ParameterKind.Weight, 0, [100, 10]),
            new ParameterSlice("dense", "bias", ParameterKind.Bias, 1000, [10]));
        if (bind) optimizer.Bind(layout);
        float[] parameters = TestData.Uniform(layout.ParameterCount, -1, 1, seed: 1);
        float[] gradients = TestData.Uniform(layout.ParameterCount, -1, 1, seed: 2);
        optimizer.Step(parameters, gradients);

        SteadyStateAllocation.AssertZero(() =>
        {
            for (int i = 0; i < 100; i++) optimizer.Step(parameters, gradients);
        });
    }
}
