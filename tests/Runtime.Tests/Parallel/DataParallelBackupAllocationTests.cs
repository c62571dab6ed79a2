using System;
using DslNet.Tests.Shared;
using Xunit;

namespace DslNet.Tests;

/// <summary>Backups run on spares whose buffers were grown with the replicas': a step with backups allocates nothing.</summary>
[Collection(AllocationMeasurement.Name)]
public sealed class DataParallelBackupAllocationTests
{
    [Fact]
    public void Steps_with_backups_allocate_nothing()
    {
        using var parallel = new DataParallelNetwork(new BackupMlp(seed: 1), threads: 2);
        var trainer = DataParallelBackupTests.CreateTrainer(parallel);
        var (inputs, targets) = DataParallelBackupTests.Data(parallel);
        for (int i = 0; i < 10; i++) trainer.TrainStep(inputs, targets, DataParallelBackupTests.Batch);
        long backupsBefore = parallel.BackupRuns;
        // Every part a worker takes in the measured windows is held: each job has a backup.
        var holder = new HeldWorker(parallel, HeldWorker.Phase.Both, holds: int.MaxValue, TimeSpan.FromMilliseconds(1));
        SteadyStateAllocation.AssertZero(() =>
        {
            for (int i = 0; i < 30; i++) trainer.TrainStep(inputs, targets, DataParallelBackupTests.Batch);
        }, () => GC.GetAllocatedBytesForCurrentThread() + parallel.WorkerAllocatedBytes);
        Assert.True(parallel.BackupRuns > backupsBefore, "no backup ran in the measured steps");
    }
}
