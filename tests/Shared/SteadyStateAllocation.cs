using System;
using System.Linq;
using Xunit;

namespace DslNet.Tests.Shared;

/// <summary>
/// Asserts that repeated work allocates nothing once warm. The runtime itself may allocate once on the measuring thread
/// while the work runs (tiered compilation promotes methods after their 30th call, and its background worker is made
/// again after idling; a loaded machine moves when that happens), so a window that allocated is measured again: work that
/// allocates per step allocates in every window, and one clean window of the same steps shows it does not.
/// </summary>
internal static class SteadyStateAllocation
{
    /// <summary>Runs <paramref name="window"/> up to <paramref name="attempts"/> times until one run allocates nothing.</summary>
    /// <param name="window">The steps to measure.</param>
    /// <param name="allocatedBytes">The counter to read before and after (the current thread's bytes by default; add workers' bytes where threads work).</param>
    /// <param name="attempts">Windows to try.</param>
    public static void AssertZero(Action window, Func<long>? allocatedBytes = null, int attempts = 3)
    {
        allocatedBytes ??= () => GC.GetAllocatedBytesForCurrentThread();
        var seen = new long[attempts];
        for (int a = 0; a < attempts; a++)
        {
            long before = allocatedBytes();
            window();
            seen[a] = allocatedBytes() - before;
            if (seen[a] == 0) return;
        }
        Assert.Fail($"Every one of {attempts} windows allocated: {string.Join(", ", seen.Select(b => $"{b} bytes"))}.");
    }
}

/// <summary>
/// Tests that count allocated bytes run alone, after the parallel tests: in a full parallel run the measured windows
/// allocated a few hundred bytes each (more the longer the window lasted), although the same tests allocate nothing
/// when they run by themselves.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurement
{
    /// <summary>The collection's name, for <see cref="CollectionAttribute"/>.</summary>
    public const string Name = "Allocation measurement (run alone)";
}
