using System;
using System.Globalization;
using DslNet.Bench.Harness;
using DslNet.Bench.Output;

namespace DslNet.Bench.Workloads;

/// <summary>
/// <c>--busy-core</c>: W1 and W7 in the same run while a thread spins on the last processor, then W7/W1 (the median
/// over <c>--rounds</c> rounds, each W1 then W7). Two threads should never be slower than one, even when the second core
/// is taken; this is the figure that says whether they are.
/// </summary>
internal static class BusyCoreWorkload
{
    public static void Run(BenchOptions options)
    {
        using var busy = new BusyCore();
        string caller = busy.KeepCallerOff();
        // One untimed round first: the first W1 in a process runs at half speed or less while the JIT finishes its
        // tiers on the same core, which would make the first ratio about 2.
        MlpTrainWorkload.MeasureOnOneThread(options);
        MlpTrainWorkload.MeasureOnThreads(options);
        var ratios = new double[options.Rounds];
        for (int round = 0; round < ratios.Length; round++)
        {
            double one = MlpTrainWorkload.MeasureOnOneThread(options);
            double several = MlpTrainWorkload.MeasureOnThreads(options);
            ratios[round] = several / one;
        }
        var sorted = (double[])ratios.Clone();
        Array.Sort(sorted);
        new JsonLine("W7/W1")
            .Add("metric", "ratio")
            .Add("value", sorted[sorted.Length / 2], 4)
            .Add("rounds", (long)ratios.Length)
            .Add("ratios", string.Join(" ", Array.ConvertAll(ratios, r => r.ToString("F3", CultureInfo.InvariantCulture))))
            .Add("threads", (long)options.Threads)
            .Add("busy_core", busy.Placement)
            .Add("caller", caller)
            .Print();
    }
}
