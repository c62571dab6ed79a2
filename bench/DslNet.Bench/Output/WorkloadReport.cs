using DslNet.Bench.Harness;

namespace DslNet.Bench.Output;

/// <summary>The JSON line of a measured workload: BENCHMARKS.md's four fields, then spread and allocation.</summary>
internal static class WorkloadReport
{
    /// <summary>A throughput metric (higher is better): <paramref name="unitsPerStep"/> per median step time.</summary>
    public static JsonLine Rate(string id, string name, string metric, double unitsPerStep, MeasurementResult result, BenchOptions options)
    {
        var (median, low, high) = result.Rate(unitsPerStep);
        return Common(new JsonLine(id).Add("metric", metric).Add("value", median), name, low, high, result, options);
    }

    /// <summary>A time metric (lower is better) in units of 1/<paramref name="scale"/> s.</summary>
    public static JsonLine Time(string id, string name, string metric, double scale, MeasurementResult result, BenchOptions options)
    {
        var (median, low, high) = result.Time(scale);
        return Common(new JsonLine(id).Add("metric", metric).Add("value", median), name, low, high, result, options);
    }

    private static JsonLine Common(JsonLine line, string name, double low, double high, MeasurementResult result, BenchOptions options)
    {
        // The generated code runs on one thread; a larger request is recorded, not pretended.
        line.Add("threads", 1L);
        if (options.Threads != 1) line.Add("threads_requested", (long)options.Threads);
        return line
            .Add("peer", "dslnet")
            .Add("name", name)
            .Add("min", low)
            .Add("max", high)
            .Add("spread_pct", result.SpreadPercent, 3)
            .Add("reps", (long)result.Repetitions)
            .Add("steps_per_rep", result.OperationsPerRepetition)
            .Add("alloc_bytes_per_step", result.AllocatedBytesPerOperation, 4);
    }
}
