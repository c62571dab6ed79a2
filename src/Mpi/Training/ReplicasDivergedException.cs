using System;

namespace DslNet.Mpi;

/// <summary>
/// The ranks of a distributed run no longer hold bit-identical parameters (their checksums differ), so their steps no
/// longer add up to one run. Thrown on every rank at the same step.
/// </summary>
public sealed class ReplicasDivergedException : Exception
{
    /// <summary>Creates the exception for the check before <paramref name="step"/>, with each rank's checksum.</summary>
    internal ReplicasDivergedException(long step, ulong[] checksums)
        : base(Describe(step, checksums))
    {
        Step = step;
        Checksums = checksums;
    }

    /// <summary>The step (counted from 1) before which the parameters were found to differ.</summary>
    public long Step { get; }

    /// <summary>Each rank's parameter checksum, by rank.</summary>
    public ulong[] Checksums { get; }

    private static string Describe(long step, ulong[] checksums)
    {
        var parts = new string[checksums.Length];
        for (int rank = 0; rank < checksums.Length; rank++) parts[rank] = $"rank {rank} {checksums[rank]:X16}";
        return $"The ranks' parameters differ before step {step} (checksums: {string.Join(", ", parts)}): every rank must take the same " +
               "steps from the same parameters. Something changed a rank's parameters outside the trainer, or the ranks ran different code or settings.";
    }
}
