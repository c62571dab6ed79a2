using System;

namespace DslNet.Mpi;

/// <summary>What the gradient all-reduce of a <see cref="DistributedTrainer"/> has cost so far on this rank.</summary>
/// <param name="Steps">Training steps taken.</param>
/// <param name="Buckets">The all-reduce calls per step (<see cref="DistributedOptions.BucketBytes"/>).</param>
/// <param name="GradientFloats">Floats summed across the ranks per step.</param>
/// <param name="AllReduceTime">
/// Time spent combining the ranks' gradients and losses over all steps, on this rank: the sums themselves and any wait for a
/// slower rank to arrive. Backward has ended before it starts, so none of it is hidden behind computation.
/// </param>
/// <param name="ChecksumChecks">Parameter checksum comparisons made (<see cref="DistributedOptions.ChecksumInterval"/>).</param>
public sealed record AllReduceStatistics(long Steps, int Buckets, int GradientFloats, TimeSpan AllReduceTime, long ChecksumChecks)
{
    /// <summary>The mean all-reduce time per step.</summary>
    public TimeSpan AllReduceTimePerStep => Steps == 0 ? TimeSpan.Zero : AllReduceTime / Steps;
}
