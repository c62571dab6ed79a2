using System;

namespace DslNet.Mpi;

/// <summary>What the gradient all-reduce of a <see cref="DistributedTrainer"/> has cost so far on this rank.</summary>
/// <param name="Steps">Training steps taken.</param>
/// <param name="Buckets">The all-reduce calls per step (<see cref="DistributedOptions.BucketBytes"/>).</param>
/// <param name="GradientFloats">Floats summed across the ranks per step.</param>
/// <param name="AllReduceTime">
/// Time spent after back-propagation combining the ranks' gradients and losses over all steps, on this rank: the part of
/// the sums not hidden behind backward, and any wait for a slower rank to arrive.
/// </param>
/// <param name="ChecksumChecks">Parameter checksum comparisons made (<see cref="DistributedOptions.ChecksumInterval"/>).</param>
/// <param name="OverlappedFloats">
/// Gradient floats, over all steps, whose sum started while back-propagation was still running (a generated network
/// reports each layer as it finishes; other networks start every sum after backward).
/// </param>
public sealed record AllReduceStatistics(long Steps, int Buckets, int GradientFloats, TimeSpan AllReduceTime, long ChecksumChecks, long OverlappedFloats)
{
    /// <summary>The share of the gradient floats whose sum started during back-propagation, 0 to 1.</summary>
    public double OverlappedShare => Steps == 0 || GradientFloats == 0 ? 0 : (double)OverlappedFloats / ((double)Steps * GradientFloats);

    /// <summary>The mean all-reduce time per step.</summary>
    public TimeSpan AllReduceTimePerStep => Steps == 0 ? TimeSpan.Zero : AllReduceTime / Steps;
}
