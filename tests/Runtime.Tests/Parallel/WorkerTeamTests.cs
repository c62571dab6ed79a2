using System;
using System.Diagnostics;
using System.Threading;
using Xunit;

namespace DslNet.Tests;

public sealed class WorkerTeamTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_part_of_every_job_runs_exactly_once(int threads)
    {
        using var team = new WorkerTeam(threads);
        var counts = new int[9];
        for (int job = 0; job < 2000; job++)
        {
            int parts = 1 + job % counts.Length;
            Array.Clear(counts);
            team.Run(parts, p => Interlocked.Increment(ref counts[p]));
            for (int p = 0; p < counts.Length; p++) Assert.Equal(p < parts ? 1 : 0, counts[p]);
        }
    }

    [Fact]
    public void Two_parts_run_at_the_same_time_on_two_threads()
    {
        using var team = new WorkerTeam(2);
        using var partOneRan = new ManualResetEventSlim();
        bool waited = false;
        // Whichever thread claims part 0 waits for part 1, which only the other thread can run.
        team.Run(2, p =>
        {
            if (p == 1) partOneRan.Set();
            else waited = partOneRan.Wait(TimeSpan.FromSeconds(10));
        });
        Assert.True(waited);
    }

    [Fact]
    public void Sleeping_workers_wake_for_the_next_job()
    {
        using var team = new WorkerTeam(2, spinTime: TimeSpan.Zero);
        using var partOneRan = new ManualResetEventSlim();
        long late = 0;
        for (int job = 0; job < 20; job++)
        {
            // Long past the spin time, so the worker is asleep; and past the rest a late job starts (1 s at most),
            // because these two parts wait for each other and a resting worker would leave both to the caller.
            Thread.Sleep(team.LateJobs == late ? 2 : 1100);
            late = team.LateJobs;
            partOneRan.Reset();
            bool waited = false;
            team.Run(2, p =>
            {
                if (p == 1) partOneRan.Set();
                else waited = partOneRan.Wait(TimeSpan.FromSeconds(10));
            });
            Assert.True(waited, $"job {job}: the second part never ran beside the first");
        }
    }

    [Fact]
    public void A_part_that_throws_is_rethrown_after_the_others_finish_and_the_team_stays_usable()
    {
        using var team = new WorkerTeam(2);
        int finished = 0;
        var error = Assert.Throws<InvalidOperationException>(() => team.Run(4, p =>
        {
            if (p == 2) throw new InvalidOperationException("part 2 failed");
            Interlocked.Increment(ref finished);
        }));
        Assert.Equal("part 2 failed", error.Message);
        Assert.Equal(3, finished);

        int ran = 0;
        team.Run(3, _ => Interlocked.Increment(ref ran));
        Assert.Equal(3, ran);
    }

    [Fact]
    public void After_waiting_for_a_paused_worker_the_caller_runs_every_part_for_a_while()
    {
        using var team = new WorkerTeam(2);
        int caller = Environment.CurrentManagedThreadId;
        // The rest starts at 1 ms and doubles: on a busy machine a job may start after it ended, so try a few times.
        for (int attempt = 1; attempt <= 6; attempt++)
        {
            Thread.Sleep(1 << attempt); // past any earlier rest: the worker is invited again
            long before = team.LateJobs;
            var sinceLate = RunWithAPausedWorker(team, caller);
            int onWorkers = 0;
            team.Run(8, _ =>
            {
                if (Environment.CurrentManagedThreadId != caller) Interlocked.Increment(ref onWorkers);
            });
            bool inTime = sinceLate.Elapsed < TimeSpan.FromMilliseconds(0.5);
            long late = team.LateJobs;
            Assert.Equal(before + 1, late);
            if (!inTime) continue; // the first time, the JIT alone can outlast the rest
            Assert.Equal(0, onWorkers);
            Assert.Equal(late, team.LateJobs); // a job the workers were not invited to is never late
            return;
        }
        Assert.Fail("no job started within 0.5 ms of a late one in six attempts");
    }

    // The worker takes a part and is "paused" in it (it sleeps) while the caller finishes the other one; the clock
    // starts as the job ends.
    private static Stopwatch RunWithAPausedWorker(WorkerTeam team, int caller)
    {
        using var workerStarted = new ManualResetEventSlim();
        team.Run(2, _ =>
        {
            if (Environment.CurrentManagedThreadId != caller)
            {
                workerStarted.Set();
                Thread.Sleep(20);
            }
            else
            {
                workerStarted.Wait(TimeSpan.FromSeconds(10));
            }
        });
        return Stopwatch.StartNew();
    }

    [Fact]
    public void A_part_a_worker_is_late_with_is_backed_up_and_the_late_run_neither_wins_nor_counts_later()
    {
        using var team = new WorkerTeam(2);
        using var job = new HeldJob();
        team.Start(2, job, backups: true);
        // The caller's part 0: it lasts until the worker holds part 1.
        Assert.True(job.WorkerHolds.Wait(TimeSpan.FromSeconds(10)), "the worker never took part 1");
        team.Finish();
        Assert.Equal(1, team.Winner(1));
        Assert.Equal(1, team.BackupRuns);

        // The worker is still in the old job's part: later jobs run without it, and count exactly.
        var counts = new int[4];
        for (int round = 0; round < 2; round++)
        {
            for (int n = 0; n < 200; n++)
            {
                Array.Clear(counts);
                team.Run(counts.Length, p => Interlocked.Increment(ref counts[p]));
                Assert.All(counts, c => Assert.Equal(1, c));
            }
            job.Release.Set(); // the late run finishes during the second round
        }
        Assert.True(job.LateRunEnded.Wait(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, team.Winner(1));
        Assert.Equal(1, team.BackupRuns);
    }

    // Part 1 on the worker holds copy 0 until released; the caller's backup runs on copy 1 at once.
    private sealed class HeldJob : IBackedUpJob, IDisposable
    {
        public ManualResetEventSlim WorkerHolds { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public ManualResetEventSlim LateRunEnded { get; } = new();

        public int Run(int part, long job)
        {
            WorkerHolds.Set();
            // Bounded, so that a team that waits instead of backing up fails instead of hanging.
            Release.Wait(TimeSpan.FromSeconds(3));
            LateRunEnded.Set();
            return 0;
        }

        public int RunBackup(int part, long job) => 1;

        public void Dispose()
        {
            WorkerHolds.Dispose();
            Release.Dispose();
            LateRunEnded.Dispose();
        }
    }

    [Fact]
    public void Dispose_stops_spinning_sleeping_and_busy_workers()
    {
        // Each team is disposed at another moment of its workers' wait; a lost wake-up would hang the join.
        for (int round = 0; round < 200; round++)
        {
            var team = new WorkerTeam(3, spinTime: TimeSpan.FromMicroseconds(round % 4 * 50));
            team.Run(3, _ => Thread.SpinWait(round % 7 * 100));
            if (round % 3 == 0) Thread.Sleep(1);
            team.Dispose();
        }
    }

    [Fact]
    public void Bad_arguments_and_use_after_dispose_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkerTeam(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkerTeam(65));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkerTeam(2, TimeSpan.FromSeconds(-1)));
        var team = new WorkerTeam(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => team.Run(-1, _ => { }));
        Assert.Throws<ArgumentOutOfRangeException>(() => team.Run(70000, _ => { }));
        team.Dispose();
        team.Dispose(); // twice is harmless
        Assert.Throws<ObjectDisposedException>(() => team.Run(1, _ => { }));
    }
}
