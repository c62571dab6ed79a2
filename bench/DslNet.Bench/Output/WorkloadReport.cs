using DslNet.Bench.Harness;

namespace DslNet.Bench.Output;

/// <summary>The JSON line of a measured workload: bench/README.md's four fields, then the process's peak memory, spread and allocation.</summary>
internal static class WorkloadReport
{
    /// <summary>A throughput metric (higher is better): <paramref name="unitsPerStep"/> per median step time.</summary>
    public static JsonLine Rate(string id, string name, string metric, double unitsPerStep, MeasurementResult result, int threads = 1)
    {
        var (median, low, high) = result.Rate(unitsPerStep);
        return Common(new JsonLine(id).Add("metric", metric).Add("value", median), name, low, high, result, threads);
    }

    /// <summary>A time metric (lower is better) in units of 1/<paramref name="scale"/> s; <paramref name="peer"/> names who ran it.</summary>
    public static JsonLine Time(string id, string name, string metric, double scale, MeasurementResult result, string peer = "dslnet")
    {
        var (median, low, high) = result.Time(scale);
        return Common(new JsonLine(id).Add("metric", metric).Add("value", median), name, low, high, result, threads: 1, peer);
    }

    private static JsonLine Common(JsonLine line, string name, double low, double high, MeasurementResult result, int threads, string peer = "dslnet")
    {
        if (ProcessMemory.PeakResidentMegabytes() is { } peak) line.Add("peak_rss_mb", peak, 4);
        return line
            .Add("threads", (long)threads)
            .Add("peer", peer)
            .Add("name", name)
            .Add("min", low)
            .Add("max", high)
            .Add("spread_pct", result.SpreadPercent, 3)
            .Add("reps", (long)result.Repetitions)
            .Add("steps_per_rep", result.OperationsPerRepetition)
            .Add("alloc_bytes_per_step", result.AllocatedBytesPerOperation, 4);
    }
}
