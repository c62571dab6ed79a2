using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace DslNet.Bench.Harness;

/// <summary>
/// A thread that spins on the machine's last processor until disposed: other work on "the other core", to measure
/// what a data-parallel step gains (or loses) when its worker has to share that core. On Linux it pins itself with
/// sched_setaffinity; elsewhere, or when that fails, it spins unpinned and <see cref="Placement"/> says so.
/// </summary>
internal sealed class BusyCore : IDisposable
{
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _placed = new();
    private volatile bool _stop;

    public BusyCore()
    {
        Processor = Environment.ProcessorCount - 1;
        Placement = "unpinned";
        _thread = new Thread(Spin) { IsBackground = true, Name = "busy core" };
        _thread.Start();
        _placed.Wait();
    }

    /// <summary>
    /// Keeps the calling thread off the busy processor (Linux), so a one-thread run has a core of its own and two
    /// threads meet the busy core only through the worker, as on a machine whose second core runs something else;
    /// otherwise the scheduler sometimes puts the caller beside the spinning thread and halves one round at random.
    /// Returns where the caller runs now.
    /// </summary>
    public string KeepCallerOff()
    {
        if (!Placement.StartsWith("pinned", StringComparison.Ordinal)) return "caller unpinned";
        ulong mask = (1UL << Processor) - 1;
        return SchedSetAffinity(0, sizeof(ulong), ref mask) == 0
            ? $"caller on processors 0-{Processor - 1}"
            : $"caller unpinned (sched_setaffinity failed with errno {Marshal.GetLastPInvokeError()})";
    }

    /// <summary>The processor the thread was asked to stay on.</summary>
    public int Processor { get; }

    /// <summary><c>pinned to processor N</c>, or <c>unpinned</c> with the reason.</summary>
    public string Placement { get; private set; }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        _placed.Dispose();
    }

    private void Spin()
    {
        Placement = Pin();
        _placed.Set();
        long spins = 0;
        while (!_stop) spins++;
        GC.KeepAlive(spins);
    }

    // Pins the calling thread (pid 0 in sched_setaffinity) to the last processor.
    private string Pin()
    {
        if (!OperatingSystem.IsLinux()) return "unpinned (processor affinity of one thread is set here only on Linux)";
        if (Processor < 1 || Processor >= 64) return $"unpinned ({Environment.ProcessorCount} processors: no other core to pin to within a 64-bit mask)";
        ulong mask = 1UL << Processor;
        try
        {
            if (SchedSetAffinity(0, sizeof(ulong), ref mask) == 0) return $"pinned to processor {Processor}";
            return $"unpinned (sched_setaffinity failed with errno {Marshal.GetLastPInvokeError()})";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return $"unpinned (sched_setaffinity unavailable: {e.GetType().Name})";
        }
    }

    [DllImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static extern int SchedSetAffinity(int pid, nint cpuSetSize, ref ulong mask);
}
