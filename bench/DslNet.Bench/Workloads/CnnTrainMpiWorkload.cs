using System;
using System.Diagnostics;
using System.Threading;
using DslNet.Bench.Data;
using DslNet.Bench.Harness;
using DslNet.Bench.Networks;
using DslNet.Bench.Output;
using DslNet.Mpi;

namespace DslNet.Bench.Workloads;

/// <summary>
/// W10 cnn-train-mpi: W2's step (SGD momentum lr 0.01 m 0.9) with a <see cref="DistributedTrainer"/> over the ranks of the
/// MPI job this process belongs to, at W2's global batch of 64 (each rank 64 / ranks); run under
/// <c>mpirun -np 2</c>, and under <c>mpirun -np 1</c> for the one-rank figure at the same global batch. Samples per second
/// of the whole job, and the all-reduce time per step: within the steps (waits for the other rank included), and the same
/// all-reduce alone. Only rank 0 prints.
/// </summary>
/// <remarks>
/// The harness's timing rules, made collective: every rank must take the same number of steps, so rank 0's calibration
/// decides the repetition length for all, and a barrier starts each repetition.
/// </remarks>
internal static class CnnTrainMpiWorkload
{
    public const int GlobalBatch = CnnTrainWorkload.Batch;

    public static void Run(BenchOptions options)
    {
        var world = MpiWorld.Current ?? MpiWorld.Initialize();
        if (GlobalBatch % world.Size != 0) throw new ArgumentException($"W10 splits W2's batch of {GlobalBatch} evenly; {world.Size} ranks do not divide it.");
        int batch = GlobalBatch / world.Size;
        // Each rank's own rows of one fixed global batch.
        var random = new FastRandom(1002);
        float[] inputs = RandomData.Uniform(GlobalBatch * CnnNetwork.InputSize, random);
        float[] targets = RandomData.OneHot(GlobalBatch, CnnNetwork.OutputSize, random);
        float[] localInputs = inputs.AsSpan(world.Rank * batch * CnnNetwork.InputSize, batch * CnnNetwork.InputSize).ToArray();
        float[] localTargets = targets.AsSpan(world.Rank * batch * CnnNetwork.OutputSize, batch * CnnNetwork.OutputSize).ToArray();

        var network = new CnnNetwork(seed: 1, batchCapacity: batch);
        var trainer = new DistributedTrainer(world, network, new SoftmaxCrossEntropyLoss(), ClassifierTraining.CreateOptimizer(), new TrainerOptions { BatchSize = batch });
        var settings = options.Settings;

        void Steps(long count)
        {
            for (long i = 0; i < count; i++) trainer.TrainStep(localInputs, localTargets, batch);
        }

        // Warm-up in two halves around a pause, as Measurement does, in step counts every rank shares.
        Steps(Calibrate(world, Steps, settings.WarmupSeconds / 2));
        Thread.Sleep(250);
        Steps(Calibrate(world, Steps, settings.WarmupSeconds / 2));
        long operations = Calibrate(world, Steps, settings.RepetitionSeconds);

        var seconds = new double[settings.Repetitions];
        var allReduce = new double[settings.Repetitions];
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int repetition = 0; repetition < seconds.Length; repetition++)
        {
            world.Barrier();
            var before = trainer.Statistics.AllReduceTime;
            long start = Stopwatch.GetTimestamp();
            Steps(operations);
            seconds[repetition] = Stopwatch.GetElapsedTime(start).TotalSeconds / operations;
            allReduce[repetition] = (trainer.Statistics.AllReduceTime - before).TotalSeconds / operations;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        double alone = AllReduceAlone(world, CnnNetwork.ParameterCount, settings);

        double stepSeconds = Median(seconds);
        Array.Sort(seconds);
        var result = new MeasurementResult(stepSeconds, seconds[0], seconds[^1], seconds.Length, operations, (double)allocated / (operations * seconds.Length));
        if (!world.IsRoot) return;
        WorkloadReport.Rate("W10", "cnn-train-mpi", "samples_per_s", GlobalBatch, result)
            .Add("ranks", (long)world.Size)
            .Add("local_batch", (long)batch)
            .Add("gradient_floats", (long)CnnNetwork.ParameterCount)
            .Add("buckets", (long)trainer.Statistics.Buckets)
            .Add("allreduce_us_per_step", Median(allReduce) * 1e6)
            .Add("allreduce_share_pct", Median(allReduce) / stepSeconds * 100, 3)
            .Add("allreduce_alone_us", alone * 1e6)
            // Buckets start while backward runs: the share of the floats started then, and how much of the all-reduce's
            // own time no longer shows after backward (the time alone against what is left within the steps).
            .Add("overlapped_floats_pct", trainer.Statistics.OverlappedShare * 100, 3)
            .Add("hidden_pct", Math.Max(0, 1 - Median(allReduce) / alone) * 100, 3)
            .Add("transport", Environment.GetEnvironmentVariable("OMPI_MCA_btl") ?? "default")
            .Print();
    }

    // Rank 0 times doubling batches of steps until one lasts long enough, and every rank takes its decision.
    private static long Calibrate(MpiWorld world, Action<long> steps, double targetSeconds)
    {
        Span<double> elapsed = [0];
        for (long count = 1; ; count *= 2)
        {
            long start = Stopwatch.GetTimestamp();
            steps(count);
            elapsed[0] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            world.Broadcast(elapsed, root: 0);
            if (elapsed[0] >= 0.02) return Math.Max(1, (long)Math.Ceiling(count * targetSeconds / elapsed[0]));
        }
    }

    // The sum of one gradient vector across the ranks and nothing else, the ranks lined up by a barrier before each repetition.
    private static double AllReduceAlone(MpiWorld world, int floats, HarnessSettings settings)
    {
        var buffer = new float[floats];
        const int Calls = 200;
        var seconds = new double[settings.Repetitions];
        for (int i = 0; i < Calls; i++) world.AllReduceSum(buffer);
        for (int repetition = 0; repetition < seconds.Length; repetition++)
        {
            world.Barrier();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < Calls; i++) world.AllReduceSum(buffer);
            seconds[repetition] = Stopwatch.GetElapsedTime(start).TotalSeconds / Calls;
        }
        return Median(seconds);
    }

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
