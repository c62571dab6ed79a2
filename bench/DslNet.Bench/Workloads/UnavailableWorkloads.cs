using DslNet.Bench.Output;

namespace DslNet.Bench.Workloads;

/// <summary>The workloads whose layers or threading do not exist yet: one explicit line each, no figure.</summary>
internal static class UnavailableWorkloads
{
    public static void Run(BenchOptions options)
    {
        Skip(options, "W7", "mlp-train-2t", "samples_per_s", "generated code runs on 1 thread only; multi-threaded kernels are issue 10 item 5");
        Skip(options, "W8", "cnn-train-2t", "samples_per_s", "generated code runs on 1 thread only; multi-threaded kernels are issue 10 item 5");
    }

    private static void Skip(BenchOptions options, string id, string name, string metric, string reason)
    {
        if (!options.Includes(id)) return;
        new JsonLine(id).Add("metric", metric).Add("status", "skipped").Add("peer", "dslnet").Add("name", name).Add("reason", reason).Print();
    }
}
