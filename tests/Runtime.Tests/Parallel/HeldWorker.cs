using System;
using System.Threading;

namespace DslNet.Tests;

/// <summary>
/// Plays a worker that the system pauses in the middle of its part: through the wrapper's test hook, the caller's
/// part 0 waits until a worker holds a part, and the worker sleeps in it, for the first <c>holds</c> parts of the
/// chosen phase. The caller is never held.
/// </summary>
public sealed class HeldWorker
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly int _maximum;
    private int _holds;
    private volatile bool _workerHolds;
    private int _holding;

    internal HeldWorker(DataParallelNetwork network, Phase phase, int holds, TimeSpan hold)
    {
        _maximum = holds;
        int caller = Environment.CurrentManagedThreadId;
        network.PartStarting = (part, backward) =>
        {
            if (phase != Phase.Both && backward != (phase == Phase.Backward)) return;
            if (Environment.CurrentManagedThreadId == caller)
            {
                // Part 0 lasts until a worker holds its part, so that a worker, not the caller, takes it; unless a
                // worker is still held in an earlier part, which it must not wait for.
                if (part != 0 || Volatile.Read(ref _holds) >= _maximum || Volatile.Read(ref _holding) > 0) return;
                long deadline = Environment.TickCount64 + (long)Patience.TotalMilliseconds;
                while (!_workerHolds && Environment.TickCount64 < deadline) Thread.SpinWait(100);
                _workerHolds = false;
                return;
            }
            if (Interlocked.Increment(ref _holds) > _maximum) return;
            Interlocked.Increment(ref _holding);
            _workerHolds = true;
            Thread.Sleep(hold);
            Interlocked.Decrement(ref _holding);
        };
    }

    public enum Phase
    {
        Forward,
        Backward,
        Both,
    }

    /// <summary>Parts the worker was held in.</summary>
    public int Holds => Math.Min(Volatile.Read(ref _holds), _maximum);
}
