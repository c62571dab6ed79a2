using DslNet.Bench.Harness;
using DslNet.Bench.Output;

namespace DslNet.Bench.Workloads;

/// <summary>
/// <c>--busy-core</c>: W1 and W7 in the same run while a thread spins on the last processor, then W7/W1. Two threads
/// should never be slower than one, even when the second core is taken; this is the figure that says whether they are.
/// </summary>
internal static class BusyCoreWorkload
{
    public static void Run(BenchOptions options)
    {
        using var busy = new BusyCore();
        double one = MlpTrainWorkload.MeasureOnOneThread(options);
        double several = MlpTrainWorkload.MeasureOnThreads(options);
        new JsonLine("W7/W1")
            .Add("metric", "ratio")
            .Add("value", several / one, 4)
            .Add("threads", (long)options.Threads)
            .Add("busy_core", busy.Placement)
            .Print();
    }
}
