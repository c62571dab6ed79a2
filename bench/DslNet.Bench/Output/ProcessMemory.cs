using System;
using System.IO;
using System.Linq;

namespace DslNet.Bench.Output;

/// <summary>
/// The process's peak resident set (Linux's VmHWM): what a workload's process needed at most, runtime included. It only
/// grows, so it describes one workload when the process runs one (as bench/run.sh runs them).
/// </summary>
internal static class ProcessMemory
{
    /// <summary>Megabytes, or null where /proc/self/status is not there to read.</summary>
    public static double? PeakResidentMegabytes()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return null;
        string? line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        if (line is null) return null;
        string kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
        return long.TryParse(kilobytes, out long value) ? value / 1024.0 : null;
    }
}
