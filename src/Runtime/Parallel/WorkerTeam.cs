using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace DslNet;

/// <summary>
/// A fixed team of threads that runs the parts of one job at a time: the caller and <c>threads − 1</c> workers claim
/// parts 0, 1, … until none is left, and <see cref="Run"/> returns when every part is done. A part is claimed by
/// exactly one thread, so work keyed by the part number gives the same result whichever thread runs it; and the
/// caller claims parts too, so a worker that is asleep or has no core costs time but never blocks the job.
/// Idle workers spin for <see cref="SpinTime"/>, so a job that follows soon starts at once, and then sleep until the
/// next job, because waking a sleeping thread costs far more than a spinning one notices a job (docs/threads.md).
/// </summary>
/// <remarks>
/// A worker that the machine pauses in the middle of a part, or that shares its core with other work, holds the job
/// back. When the caller, done with its own parts, then waits more than half as long again for the workers, the
/// workers rest: for a while they claim nothing and sleep, and the caller runs every part, as one thread would. The rest doubles each time it happens again (1 ms to 1 s) and halves after a job the workers kept up with.
/// Which thread runs a part never changes what the part computes.
/// A job started with <see cref="Start"/> (an <see cref="IBackedUpJob"/>) goes further: when the caller, done with
/// its own parts, sees a worker run a part a quarter longer than its own took, it runs that part again itself on another
/// copy of the part's state, and the first run to finish wins; the late run finishes into its own copy and is ignored.
/// Such a job is late too, and starts a rest: a worker paused once tends to be paused again (its core is shared), and
/// while it spins it takes time from the thread it shares a core with, which may be the caller.
/// </remarks>
internal sealed class WorkerTeam : IDisposable
{
    // One word says which job is current and which part is next: [generation:32][parts:16][next part:16]. Claiming
    // is a compare-and-swap on it, so a worker still busy with a finished job can never claim a part of a newer one.
    private long _claim;
    private Action<int>? _part;
    private IBackedUpJob? _backedUp;
    // The current job's number (jobs started so far): runs of a backed-up job carry it, so a late run of an old job
    // can neither win nor count in a newer one.
    private long _job;
    // Per part of a backed-up job: [job:56][copy:8] of the first run that finished it.
    private readonly long[] _winners;
    // Per part of a backed-up job: when a thread claimed it, and when the caller last tried to back it up.
    private readonly long[] _claimedAt, _backupTried;
    private int _done;
    // The current job, for the caller: its parts, when it started, whether workers were invited.
    private int _parts;
    private long _started;
    private bool _workersInvited;
    private bool _backups;
    private ExceptionDispatchInfo? _error;
    private volatile bool _disposed;

    private readonly Thread[] _workers;
    private readonly long[] _workerAllocatedBytes;
    private readonly int[] _sleeping;
    private readonly SemaphoreSlim[] _wake;
    private readonly long _spinTicks;

    // Workers claim nothing before this timestamp; the caller sets it when it waited too long for them.
    private long _restUntil;
    private long _restTicks = MinimumRestTicks;
    private static readonly long MinimumRestTicks = Stopwatch.Frequency / 1000;
    private static readonly long MaximumRestTicks = Stopwatch.Frequency;
    // Waiting longer than half the caller's own share of a job, plus this, means the workers ran at a fraction of a
    // core: paused, or sharing their core with other work. One thread would have done the job at least as fast.
    private static readonly long LateTicks = Stopwatch.Frequency / 20000;
    // Besides the lateness its own time sets, the caller waits this long before it backs up a worker's part, and
    // again before it retries a backup that found no free copy.
    private static readonly long BackupDelayTicks = Stopwatch.Frequency / 500000;

    /// <summary>A team of <paramref name="threads"/> threads in all, the caller of <see cref="Run"/> included.</summary>
    /// <param name="threads">1 to 64; 1 runs every part on the caller.</param>
    /// <param name="spinTime">How long an idle worker spins before it sleeps; 200 µs when null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> or <paramref name="spinTime"/> is out of range.</exception>
    public WorkerTeam(int threads, TimeSpan? spinTime = null)
    {
        if (threads is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "A worker team has 1 to 64 threads, the caller included.");
        }
        SpinTime = spinTime ?? TimeSpan.FromMicroseconds(200);
        if (SpinTime < TimeSpan.Zero || SpinTime > TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(spinTime), SpinTime, "The spin time must be between 0 and 1 s.");
        }
        _spinTicks = (long)(SpinTime.TotalSeconds * Stopwatch.Frequency);
        Threads = threads;
        _workers = new Thread[threads - 1];
        _sleeping = new int[threads - 1];
        _workerAllocatedBytes = new long[threads - 1];
        _wake = new SemaphoreSlim[threads - 1];
        _winners = new long[threads];
        _claimedAt = new long[threads];
        _backupTried = new long[threads];
        for (int w = 0; w < _workers.Length; w++)
        {
            int worker = w;
            _wake[w] = new SemaphoreSlim(0);
            _workers[w] = new Thread(() => Work(worker)) { IsBackground = true, Name = $"DslNet worker {w + 1}" };
            _workers[w].Start();
        }
    }

    /// <summary>The threads that run parts, the caller included.</summary>
    public int Threads { get; }

    /// <summary>How long an idle worker spins before it sleeps.</summary>
    public TimeSpan SpinTime { get; }

    /// <summary>
    /// Bytes the workers (not the caller) had allocated on the managed heap when each last finished a part: a steady
    /// training step should not change it.
    /// </summary>
    public long WorkerAllocatedBytes
    {
        get
        {
            long total = 0;
            for (int w = 0; w < _workerAllocatedBytes.Length; w++) total += Volatile.Read(ref _workerAllocatedBytes[w]);
            return total;
        }
    }

    /// <summary>
    /// Jobs in which the caller, done with its own parts, waited for paused workers, or found a worker late and backed
    /// its part up; each started a rest.
    /// </summary>
    public long LateJobs { get; private set; }

    /// <summary>Parts of backed-up jobs that the caller ran again because a worker was late with them.</summary>
    public long BackupRuns { get; private set; }

    /// <summary>The number the next job will carry (<see cref="IBackedUpJob.Run"/>); for the caller, between jobs.</summary>
    public long NextJob => _job + 1;

    /// <summary>
    /// Runs <paramref name="part"/>(p) for every p in [0, <paramref name="parts"/>), spread over the team, and returns
    /// when all are done. The first exception a part throws is rethrown here, after every part has finished.
    /// Not reentrant: one job at a time, from one thread at a time.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parts"/> is negative or above 65,535.</exception>
    /// <exception cref="ObjectDisposedException">The team was disposed.</exception>
    public void Run(int parts, Action<int> part)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (parts is < 0 or > 0xFFFF) throw new ArgumentOutOfRangeException(nameof(parts), parts, "A job has 0 to 65,535 parts.");
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (parts == 0) return;

        _part = part;
        _backedUp = null;
        _error = null;
        Volatile.Write(ref _done, 0);
        Publish(parts, firstClaimed: 0);

        ClaimParts(worker: -1);
        long ownPartsDone = Stopwatch.GetTimestamp();
        var spinner = new SpinWait();
        while (Volatile.Read(ref _done) < parts) spinner.SpinOnce(sleep1Threshold: -1);
        if (_workersInvited) AdjustRest(ownPartsDone - _started, Stopwatch.GetTimestamp() - ownPartsDone);
        _part = null;
        _error?.Throw();
    }

    /// <summary>
    /// Starts a job of <paramref name="parts"/> parts: part 0 is the caller's, to run right after this returns, and
    /// the team's threads claim parts 1, 2, … Call <see cref="Finish"/> next, even if part 0 fails. With
    /// <paramref name="backups"/> false the caller waits for late parts instead of running them again (a job whose
    /// re-run would not give the same result).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parts"/> is not between 1 and <see cref="Threads"/>.</exception>
    /// <exception cref="ObjectDisposedException">The team was disposed.</exception>
    public void Start(int parts, IBackedUpJob job, bool backups)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (parts < 1 || parts > Threads) throw new ArgumentOutOfRangeException(nameof(parts), parts, $"A backed-up job has 1 to {Threads} parts, one per thread.");
        ObjectDisposedException.ThrowIf(_disposed, this);
        _part = null;
        _backedUp = job;
        _backups = backups;
        _error = null;
        Volatile.Write(ref _done, 1); // part 0, which the caller runs itself
        Publish(parts, firstClaimed: 1);
    }

    /// <summary>
    /// Ends the job <see cref="Start"/> began, once the caller has run part 0: claims the parts no thread took yet,
    /// backs up the parts a worker is late with, and returns when every part has a finished run
    /// (<see cref="Winner"/>). The first exception of a winning run is rethrown here.
    /// </summary>
    public void Finish()
    {
        var job = _backedUp ?? throw new InvalidOperationException("Finish ends a job that Start began; none is running.");
        int ownParts = 1 + ClaimParts(worker: -1);
        long ownPartsDone = Stopwatch.GetTimestamp();
        long ownTicks = ownPartsDone - _started;
        // A part takes about as long on any thread: a worker's part is late once it has run a quarter longer than
        // one of the caller's, counted from when the worker claimed it (and never before a quarter of that has passed
        // since the caller finished).
        long partTicks = ownTicks / ownParts;
        bool late = false;
        var spinner = new SpinWait();
        while (Volatile.Read(ref _done) < _parts)
        {
            long now = Stopwatch.GetTimestamp();
            bool ranBackup = false;
            for (int p = 1; _backups && p < _parts; p++)
            {
                if (Finished(p)) continue;
                long claimed = Math.Max(Volatile.Read(ref _claimedAt[p]), _started);
                long due = Math.Max(ownPartsDone + partTicks / 4, claimed + partTicks + partTicks / 4) + BackupDelayTicks;
                if (now < due || _backupTried[p] + BackupDelayTicks > now) continue;
                late = true;
                _backupTried[p] = now;
                if (RunBackedUpPart(job, p, _job, backup: true))
                {
                    BackupRuns++;
                    ranBackup = true;
                }
            }
            if (!ranBackup) spinner.SpinOnce(sleep1Threshold: -1);
        }
        // A backup means a worker was paused in its part: a late job, which sends the workers to rest like a long wait.
        if (_workersInvited) AdjustRest(ownTicks, late ? long.MaxValue / 4 : Stopwatch.GetTimestamp() - ownPartsDone);
        _backedUp = null;
        _error?.Throw();
    }

    /// <summary>The copy whose run finished <paramref name="part"/> of the last backed-up job (0 for part 0).</summary>
    public int Winner(int part) => part == 0 ? 0 : (int)(Volatile.Read(ref _winners[part]) & 0xFF);

    /// <summary>Stops the workers (they finish the current part first) and releases their wake-up signals.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        long job = _job + 1;
        Volatile.Write(ref _job, job);
        Volatile.Write(ref _claim, (job & 0xFFFFFFFF) << 32);
        WakeSleepers();
        foreach (var worker in _workers) worker.Join();
        foreach (var wake in _wake) wake.Dispose();
    }

    // After a job the workers were invited to: a long wait for them starts (or doubles) a rest; a short one halves it.
    private void AdjustRest(long ownTicks, long waitedTicks)
    {
        if (waitedTicks > ownTicks / 2 + LateTicks)
        {
            LateJobs++;
            Volatile.Write(ref _restUntil, Stopwatch.GetTimestamp() + _restTicks);
            _restTicks = Math.Min(2 * _restTicks, MaximumRestTicks);
        }
        else
        {
            _restTicks = Math.Max(_restTicks / 2, MinimumRestTicks);
        }
    }

    // Makes the job current: its number, then the claim word the workers watch, with parts from firstClaimed on.
    private void Publish(int parts, int firstClaimed)
    {
        _parts = parts;
        long job = _job + 1;
        Volatile.Write(ref _job, job);
        Volatile.Write(ref _claim, (job & 0xFFFFFFFF) << 32 | (long)parts << 16 | (long)firstClaimed);
        _started = Stopwatch.GetTimestamp();
        // One part is the caller's anyway: workers are woken only when there is more.
        _workersInvited = parts > 1 && _workers.Length > 0 && _started >= Volatile.Read(ref _restUntil);
        if (_workersInvited) WakeSleepers();
    }

    private bool Finished(int part) => Volatile.Read(ref _winners[part]) >> 8 == _job;

    // Runs a part of a backed-up job and, if it is the part's first run to finish, records it and counts the part
    // done. False when the run did not happen (no free copy for a backup, or the job was over).
    private bool RunBackedUpPart(IBackedUpJob job, int part, long number, bool backup)
    {
        int copy;
        try
        {
            copy = backup ? job.RunBackup(part, number) : job.Run(part, number);
        }
        catch (Exception e)
        {
            if (TryWin(part, number, copy: 0))
            {
                Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(e), null);
                Interlocked.Increment(ref _done);
            }
            return true;
        }
        if (copy < 0) return false;
        if (TryWin(part, number, copy)) Interlocked.Increment(ref _done);
        return true;
    }

    // The first run of a part of job `number` to get here wins; a run of an older job, or a second run, loses.
    private bool TryWin(int part, long number, int copy)
    {
        long mine = number << 8 | (long)copy;
        while (true)
        {
            long seen = Volatile.Read(ref _winners[part]);
            if (seen >> 8 >= number) return false;
            if (Interlocked.CompareExchange(ref _winners[part], mine, seen) == seen) return true;
        }
    }

    private void WakeSleepers()
    {
        for (int w = 0; w < _sleeping.Length; w++)
        {
            if (Interlocked.Exchange(ref _sleeping[w], 0) == 1) _wake[w].Release();
        }
    }

    // Claims and runs parts of the current job until none is left; worker is -1 on the caller. Returns the parts run.
    private int ClaimParts(int worker)
    {
        int ran = 0;
        while (true)
        {
            long claim = Volatile.Read(ref _claim);
            if (worker >= 0 && Stopwatch.GetTimestamp() < Volatile.Read(ref _restUntil)) return ran;
            int next = (int)(claim & 0xFFFF);
            if (next >= (int)((claim >> 16) & 0xFFFF)) return ran;
            // The job's fields are read before the claim: a claim that succeeds proves they were this job's, since a
            // job cannot end while a part is unclaimed. Read after it, they could be a newer job's, because a
            // backed-up job can end before a part its worker claimed has even started.
            var part = _part;
            var backedUp = _backedUp;
            long number = Volatile.Read(ref _job);
            if (Interlocked.CompareExchange(ref _claim, claim + 1, claim) != claim) continue;
            ran++;
            if (backedUp is not null)
            {
                Volatile.Write(ref _claimedAt[next], Stopwatch.GetTimestamp());
                RunBackedUpPart(backedUp, next, number, backup: false);
            }
            else
            {
                try
                {
                    part!(next);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(e), null);
                }
                Interlocked.Increment(ref _done);
            }
            if (worker >= 0) Volatile.Write(ref _workerAllocatedBytes[worker], GC.GetAllocatedBytesForCurrentThread());
        }
    }

    private void Work(int worker)
    {
        long seen = 0;
        while (true)
        {
            WaitForJob(worker, seen);
            if (_disposed) return;
            seen = Volatile.Read(ref _claim) >> 32;
            ClaimParts(worker);
        }
    }

    // Spins while a new job may come soon, then sleeps until Run or Dispose wakes this worker. Disposal is checked
    // with the generation, after the sleeping flag is up: Dispose sets it before it wakes the sleepers.
    private void WaitForJob(int worker, long seen)
    {
        long start = Stopwatch.GetTimestamp();
        while (!_disposed && Volatile.Read(ref _claim) >> 32 == seen)
        {
            long now = Stopwatch.GetTimestamp();
            if (now - start < _spinTicks && now >= Volatile.Read(ref _restUntil))
            {
                Thread.SpinWait(20);
                continue;
            }
            Interlocked.Exchange(ref _sleeping[worker], 1);
            if (_disposed || Volatile.Read(ref _claim) >> 32 != seen)
            {
                // A job came while this worker was going to sleep. If its caller already cleared the flag, it has
                // also released the signal: take it, so the next sleep is not woken by a stale one.
                if (Interlocked.Exchange(ref _sleeping[worker], 0) == 0) _wake[worker].Wait();
                return;
            }
            _wake[worker].Wait();
            start = Stopwatch.GetTimestamp();
        }
    }
}
