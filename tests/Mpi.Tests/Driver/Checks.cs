using System;

namespace DslNet.Mpi.TestDriver;

/// <summary>
/// The driver's checks: each is decided on every rank and passes only if it passes on all of them; rank 0 prints one
/// "PASS name: detail" or "FAIL name: detail" line per check (the lines .ci/mpi-test counts).
/// </summary>
internal sealed class Checks(MpiWorld world)
{
    public int Failed { get; private set; }

    public void Check(string name, bool passed, string detail)
    {
        Span<double> failures = [passed ? 0 : 1];
        world.AllReduceSum(failures);
        bool all = failures[0] == 0;
        if (!all) Failed++;
        if (!passed) Console.Error.WriteLine($"rank {world.Rank}: {name} failed here: {detail}");
        if (world.IsRoot) Console.WriteLine($"{(all ? "PASS" : "FAIL")} {name}: {detail}{(all ? "" : $" ({failures[0]} of {world.Size} ranks failed)")}");
    }

    /// <summary>Whether every rank holds bit-identical <paramref name="values"/>.</summary>
    public bool IdenticalOnAllRanks(ReadOnlySpan<float> values)
    {
        var checksums = new ulong[world.Size];
        world.AllGather(ParameterChecksum.Of(values), checksums);
        return Array.TrueForAll(checksums, c => c == checksums[0]);
    }

    public static float MaxDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }

    public static float MaxMagnitude(ReadOnlySpan<float> values)
    {
        float max = 0;
        foreach (float value in values) max = Math.Max(max, Math.Abs(value));
        return max;
    }
}
