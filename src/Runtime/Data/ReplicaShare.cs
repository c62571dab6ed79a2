namespace DslNet;

/// <summary>
/// How a run split over several replicas (processes of a distributed run) divides a span of samples: replica r of n
/// takes the contiguous part [count·r/n, count·(r+1)/n). Every replica computes the same split from the same numbers,
/// the parts cover the span exactly once, and they differ in size by at most one sample (a part may be empty when
/// there are fewer samples than replicas).
/// </summary>
internal static class ReplicaShare
{
    /// <summary>Where replica <paramref name="rank"/>'s part of <paramref name="count"/> samples starts, and how many it holds.</summary>
    public static (int Start, int Count) Of(int count, int rank, int size)
    {
        // In 64 bits: count·(rank + 1) overflows an int for a large dataset split many ways.
        int start = (int)((long)count * rank / size);
        int end = (int)((long)count * (rank + 1) / size);
        return (start, end - start);
    }
}
