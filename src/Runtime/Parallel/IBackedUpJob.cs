namespace DslNet;

/// <summary>
/// A <see cref="WorkerTeam"/> job whose parts can run twice: once by the thread that claims the part, and again, on
/// another copy of the part's state, by a caller tired of waiting for that thread (MapReduce's backup tasks). Both runs
/// compute the same bits from the same inputs, so the team keeps whichever finishes first and the result never depends
/// on which thread ran it. Part 0 is the caller's own, run between <see cref="WorkerTeam.Start"/> and
/// <see cref="WorkerTeam.Finish"/>, and is never run here.
/// </summary>
internal interface IBackedUpJob
{
    /// <summary>
    /// Runs <paramref name="part"/> (1 or more) of team job <paramref name="job"/> on a copy this thread claims,
    /// waiting for one if every copy is busy. Returns the copy it ran on, or -1 when the job is over (a thread that
    /// claimed the part long ago): such a run must touch nothing.
    /// </summary>
    int Run(int part, long job);

    /// <summary>
    /// Runs <paramref name="part"/> of <paramref name="job"/> again, on the calling thread, on a copy no other thread
    /// holds. Returns that copy, or -1 when no copy is free (the caller then waits a little longer).
    /// </summary>
    int RunBackup(int part, long job);
}
