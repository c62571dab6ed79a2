using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using DslNet;

namespace DslNet.Mpi.TestDriver;

/// <summary>The distributed scenarios; every rank runs each one, and each ends in <see cref="Checks"/>.</summary>
internal sealed class Scenarios(MpiWorld world, Checks checks)
{
    // The image data set, shared by the scenarios: 677 samples make 10 full global batches of 64 and a short one of 37.
    private readonly Dataset _images = SyntheticData.Images(677, seed: 11);
    private readonly Dataset _validation = SyntheticData.Images(200, seed: 12);
    private const int LocalBatch = 32;

    // Rank 0's seed makes the reference; the other ranks start elsewhere, so the starting broadcast is tested too.
    private int OwnSeed => 3 + 1000 * world.Rank;

    public void EquivalentToOneProcess()
    {
        var options = new TrainerOptions { Epochs = 2, BatchSize = LocalBatch, Seed = 5 };
        var (reference, referenceHistory) = TrainOneProcess(new DriverCnn(3), options, _images, validation: _validation);
        var network = new DriverCnn(OwnSeed);
        var trainer = new DistributedTrainer(world, network, new SoftmaxCrossEntropyLoss(), new AdamOptimizer(1e-3f), options);
        var clock = Stopwatch.StartNew();
        var history = trainer.Fit(_images, _validation);
        clock.Stop();

        CompareParameters("equivalence", network.Parameters, reference.Parameters,
            $"{world.Size} ranks at batch {LocalBatch} against 1 process at batch {LocalBatch * world.Size}, {trainer.Statistics.Steps} Adam steps of the W2 CNN ({clock.Elapsed.TotalSeconds:F1} s, all-reduce {trainer.Statistics.AllReduceTimePerStep.TotalMicroseconds:F0} µs per step)");
        checks.Check("ranks-identical", checks.IdenticalOnAllRanks(network.Parameters), "every rank's parameters are bit-identical after training");
        // The generated network reports each finished layer: the dense layers' buckets (26,250 of 27,562 floats) start while
        // backward still runs through the convolutions, the convolutions' bucket when the first layer is done, all inside
        // Backward.
        double overlapped = trainer.Statistics.OverlappedShare;
        checks.Check("overlap", overlapped > 0.9, $"{overlapped:P1} of the gradient floats started summing during backward ({trainer.Statistics.Buckets} buckets)");
        var last = history[^1];
        var expected = referenceHistory[^1];
        checks.Check("epoch-figures",
            Math.Abs(last.TrainingLoss - expected.TrainingLoss) < 1e-4f && last.TrainingAccuracy == expected.TrainingAccuracy
            && Math.Abs(last.ValidationLoss!.Value - expected.ValidationLoss!.Value) < 1e-4f && last.ValidationAccuracy == expected.ValidationAccuracy,
            $"last epoch: training loss {last.TrainingLoss:F6} (one process {expected.TrainingLoss:F6}), accuracy {last.TrainingAccuracy:P2} ({expected.TrainingAccuracy:P2}); " +
            $"validation loss {last.ValidationLoss:F6} ({expected.ValidationLoss:F6}), accuracy {last.ValidationAccuracy:P2} ({expected.ValidationAccuracy:P2})");
    }

    public void ShortLastBatches()
    {
        // 129 samples at a global batch of 64 (and of 128 with 4 ranks): the last global batch holds one sample, so all but one rank's share is empty.
        var small = SyntheticData.Images(LocalBatch * world.Size * 2 + 1, seed: 13);
        var options = new TrainerOptions { Epochs = 2, BatchSize = LocalBatch, Seed = 5 };
        var (reference, _) = TrainOneProcess(new DriverCnn(3), options, small, new SgdMomentumOptimizer(0.05f, 0.9f));
        var network = new DriverCnn(OwnSeed);
        new DistributedTrainer(world, network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f, 0.9f), options).Fit(small);
        CompareParameters("empty-shares", network.Parameters, reference.Parameters, $"{small.Count} samples: the last global batch of 1 leaves {world.Size - 1} rank(s) with no sample");
    }

    public void SequencesWithLengths()
    {
        const int timeSteps = 12;
        var sequences = SyntheticData.Sequences(300, timeSteps, seed: 14);
        var options = new TrainerOptions { Epochs = 2, BatchSize = 16, Seed = 5 };
        // SGD rather than Adam, here and below: Adam's step hardly changes when every gradient is scaled, SGD's does.
        var (reference, _) = TrainOneProcess(new DriverLstm(timeSteps, 3), options, sequences, new SgdMomentumOptimizer(0.1f, 0.9f));
        var network = new DriverLstm(timeSteps, OwnSeed);
        new DistributedTrainer(world, network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.1f, 0.9f), options).Fit(sequences);
        CompareParameters("sequences", network.Parameters, reference.Parameters, $"an LSTM over sequences of 3 to {timeSteps} steps, each with its own length");
    }

    public void BatchNormStatisticsFromRankZero()
    {
        // Each rank's batches move its own running statistics; rank 0's reach every rank after each step, so the ranks'
        // parameters stay identical (the checksum, every 5 steps here, would stop the run otherwise).
        var options = new TrainerOptions { Epochs = 1, BatchSize = LocalBatch, Seed = 5 };
        var network = new DriverNormedCnn(OwnSeed);
        new DistributedTrainer(world, network, new SoftmaxCrossEntropyLoss(), new AdamOptimizer(1e-3f), options,
            new DistributedOptions { ChecksumInterval = 5 }).Fit(_images);
        var state = network.Layout.Single(s => s.Kind == ParameterKind.State && s.Name == "runningMean");
        bool moved = network.Parameters.Slice(state.Offset, state.Length).ToArray().Any(v => v != 0);
        checks.Check("batchnorm-identical", moved && checks.IdenticalOnAllRanks(network.Parameters),
            "batch normalisation's running statistics moved and every rank holds rank 0's (parameters bit-identical)");
    }

    public void ThreadsInsideRanks()
    {
        var options = new TrainerOptions { Epochs = 1, BatchSize = LocalBatch, Seed = 5 };
        var (reference, _) = TrainOneProcess(new DriverCnn(3), options, _images, new SgdMomentumOptimizer(0.01f, 0.9f));
        var network = new DriverCnn(OwnSeed);
        using var threads = new DataParallelNetwork(network, 2);
        var trainer = new DistributedTrainer(world, threads, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.01f, 0.9f), options);
        trainer.Fit(_images);
        // Threads sum their gradients at the end of backward, so every bucket starts after it.
        checks.Check("threads-no-overlap", trainer.Statistics.OverlappedShare == 0, $"{trainer.Statistics.OverlappedShare:P1} of the floats started during backward with threads");
        CompareParameters("threads-in-ranks", network.Parameters, reference.Parameters, "each rank splits its share over 2 threads (DataParallelNetwork)");
        checks.Check("threads-ranks-identical", checks.IdenticalOnAllRanks(network.Parameters), "every rank's parameters are bit-identical");
    }

    public void EarlyStoppingDecidedOnce()
    {
        // A learning rate so high that the validation loss soon stops improving.
        var options = new TrainerOptions
        {
            Epochs = 8, BatchSize = LocalBatch, Seed = 5,
            EarlyStopping = new EarlyStopping(EarlyStoppingMetric.ValidationLoss) { Patience = 1 },
        };
        var reference = new Trainer(new DriverCnn(3), new SoftmaxCrossEntropyLoss(), new AdamOptimizer(0.02f), WithBatch(options, LocalBatch * world.Size))
            .Fit(_images, _validation);
        var network = new DriverCnn(OwnSeed);
        var history = new DistributedTrainer(world, network, new SoftmaxCrossEntropyLoss(), new AdamOptimizer(0.02f), options).Fit(_images, _validation);
        var epochs = new ulong[world.Size];
        world.AllGather((ulong)history.Count, epochs);
        checks.Check("early-stopping", Array.TrueForAll(epochs, e => e == (ulong)reference.Count) && history.StopReason == reference.StopReason,
            $"every rank stopped after epoch {history.Count} ({history.StopReason}), as one process did after epoch {reference.Count} ({reference.StopReason})");
        checks.Check("early-stopping-identical", checks.IdenticalOnAllRanks(network.Parameters), $"every rank restored the same best weights (epoch {history.BestEpoch})");
    }

    public void Checkpoints()
    {
        var options = new TrainerOptions { Epochs = 1, BatchSize = LocalBatch, Seed = 5 };
        var network = new DriverCnn(OwnSeed);
        var trainer = new DistributedTrainer(world, network, new SoftmaxCrossEntropyLoss(), new AdamOptimizer(1e-3f), options);
        trainer.Fit(_images);
        // One path for every rank: rank 0's process id, broadcast.
        Span<double> id = [Environment.ProcessId];
        world.Broadcast(id, root: 0);
        string path = Path.Combine(Path.GetTempPath(), $"dslnet-mpi-{id[0]}.ckpt");
        trainer.SaveCheckpoint(path);
        bool written = !world.IsRoot || File.Exists(path);

        var resumedNetwork = new DriverCnn(OwnSeed + 1);
        var resumed = new DistributedTrainer(world, resumedNetwork, new SoftmaxCrossEntropyLoss(), new AdamOptimizer(1e-3f), options);
        resumed.LoadCheckpoint(path);
        bool same = Checks.MaxDifference(resumedNetwork.Parameters, network.Parameters) == 0f;
        // Both continue one more epoch: resuming carries Adam's moments, so they stay equal.
        trainer.Fit(_images);
        resumed.Fit(_images);
        bool continued = Checks.MaxDifference(resumedNetwork.Parameters, network.Parameters) == 0f;
        checks.Check("checkpoint", written && same && continued, "rank 0 wrote the checkpoint; every rank loaded it from rank 0's bytes, parameters and Adam state, and trained on exactly as the saved run");

        string missing = path + ".missing";
        string? message = null;
        try
        {
            resumed.LoadCheckpoint(missing);
        }
        catch (IOException e)
        {
            message = e.Message;
        }
        checks.Check("checkpoint-missing", message is not null && message.Contains("Rank 0 could not read"), $"a missing file fails on every rank: {message}");
        if (world.IsRoot) File.Delete(path);
    }

    public void NonFiniteStopsEveryRank()
    {
        // Rank 1's loss is NaN at its fourth step: the combined loss is NaN on every rank, which all stop at step 4.
        var loss = new FaultyLoss(world.Rank == 1 ? 4 : -1, _ => float.NaN);
        var network = new DriverCnn(OwnSeed);
        var trainer = new DistributedTrainer(world, network, loss, new AdamOptimizer(1e-3f), new TrainerOptions { Epochs = 1, BatchSize = LocalBatch, Seed = 5 });
        string? message = null;
        try
        {
            trainer.Fit(_images);
        }
        catch (TrainingDivergedException e)
        {
            message = e.Message;
        }
        checks.Check("nonfinite-every-rank", message is not null && message.Contains("loss is NaN"), $"every rank stopped: {message}");
        checks.Check("nonfinite-identical", checks.IdenticalOnAllRanks(network.Parameters), "every rank holds the same last good parameters");
    }

    public void HealthStopReachesEveryRank()
    {
        // Adam's updates at this learning rate are larger than the threshold allows: the monitor stops the run, from the
        // combined gradients, at the same step on every rank (the first), as one process does.
        var health = new GradientHealthOptions { ExplodingUpdateRatio = 0.05, ExplodingSteps = 3 };
        var options = new TrainerOptions { Epochs = 1, BatchSize = LocalBatch, Seed = 5, Health = health };
        long expected = StopStep(() => new Trainer(new DriverCnn(3), new SoftmaxCrossEntropyLoss(), new AdamOptimizer(0.008f), WithBatch(options, LocalBatch * world.Size)).Fit(_images));
        var network = new DriverCnn(OwnSeed);
        var trainer = new DistributedTrainer(world, network, new SoftmaxCrossEntropyLoss(), new AdamOptimizer(0.008f), options);
        long step = StopStep(() => trainer.Fit(_images));
        var steps = new ulong[world.Size];
        world.AllGather((ulong)step, steps);
        checks.Check("health-stop", step > 0 && step == expected && Array.TrueForAll(steps, s => s == steps[0]),
            $"the health monitor stopped every rank at step {step} (one process: step {expected}), flagging {(step > 0 ? trainer.Health!.Events[^1].Issue : "nothing")}");
        checks.Check("health-stop-identical", checks.IdenticalOnAllRanks(network.Parameters), "every rank holds the same restored parameters");
    }

    private static long StopStep(Action fit)
    {
        try
        {
            fit();
            return 0;
        }
        catch (TrainingDivergedException e)
        {
            return e.Event.Step;
        }
    }

    public void ChecksumCatchesDivergence()
    {
        // Rank 1 nudges one of its parameters during step 7: the check before step 11 (every 5 steps: 1, 6, 11) finds it.
        var network = new DriverCnn(OwnSeed);
        var loss = new FaultyLoss(world.Rank == 1 ? 7 : -1, value =>
        {
            network.Parameters[0] += 1e-3f;
            return value;
        });
        var trainer = new DistributedTrainer(world, network, loss, new AdamOptimizer(1e-3f), new TrainerOptions { Epochs = 1, BatchSize = LocalBatch, Seed = 5 },
            new DistributedOptions { ChecksumInterval = 5 });
        ReplicasDivergedException? caught = null;
        try
        {
            trainer.Fit(_images);
        }
        catch (ReplicasDivergedException e)
        {
            caught = e;
        }
        checks.Check("checksum-divergence", caught is { Step: 11 }, $"every rank stopped: {caught?.Message}");
    }

    public void BadOptionsAreNamed()
    {
        string? bucket = null, interval = null;
        try
        {
            _ = new DistributedTrainer(world, new DriverCnn(OwnSeed), new SoftmaxCrossEntropyLoss(), new AdamOptimizer(1e-3f), null, new DistributedOptions { BucketBytes = 2 });
        }
        catch (ArgumentException e)
        {
            bucket = e.Message;
        }
        try
        {
            _ = new DistributedTrainer(world, new DriverCnn(OwnSeed), new SoftmaxCrossEntropyLoss(), new AdamOptimizer(1e-3f), null, new DistributedOptions { ChecksumInterval = -1 });
        }
        catch (ArgumentException e)
        {
            interval = e.Message;
        }
        checks.Check("bad-options", bucket?.Contains("BucketBytes must be at least 4 (one float), got 2") == true && interval?.Contains("ChecksumInterval must be at least 0") == true,
            $"{bucket} / {interval}");
    }

    public void StepsAllocateNothing()
    {
        var network = new DriverCnn(OwnSeed);
        var trainer = new DistributedTrainer(world, network, new SoftmaxCrossEntropyLoss(), new AdamOptimizer(1e-3f), new TrainerOptions { BatchSize = LocalBatch },
            new DistributedOptions { ChecksumInterval = 10 });
        var inputs = new float[LocalBatch * 784];
        var targets = new float[LocalBatch * 10];
        for (int i = 0; i < LocalBatch; i++)
        {
            _images.Input(world.Rank * LocalBatch + i).CopyTo(inputs.AsSpan(i * 784));
            _images.Target(world.Rank * LocalBatch + i).CopyTo(targets.AsSpan(i * 10));
        }
        for (int i = 0; i < 30; i++) trainer.TrainStep(inputs, targets, LocalBatch);
        long before = GC.GetAllocatedBytesForCurrentThread();
        // 50 steps: five checksum comparisons among them.
        for (int i = 0; i < 50; i++) trainer.TrainStep(inputs, targets, LocalBatch);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        checks.Check("no-allocation", allocated == 0, $"50 distributed steps (all-reduce and checksums included) allocated {allocated} bytes");
    }

    public void FailOnRank1(string how)
    {
        var loss = new FaultyLoss(world.Rank == 1 ? 5 : -1, value =>
        {
            if (how == "kill") Process.GetCurrentProcess().Kill();
            throw new InvalidOperationException("injected failure at rank 1's fifth step");
        });
        var trainer = new DistributedTrainer(world, new DriverCnn(OwnSeed), loss, new AdamOptimizer(1e-3f), new TrainerOptions { Epochs = 50, BatchSize = LocalBatch, Seed = 5 });
        trainer.Fit(_images);
        checks.Check(how, false, "the job went on after rank 1 failed");
    }

    private static (INetwork Network, TrainingHistory History) TrainOneProcess(INetwork network, TrainerOptions options, Dataset data, IOptimizer? optimizer = null, Dataset? validation = null)
    {
        int ranks = MpiWorld.Current!.Size;
        var history = new Trainer(network, new SoftmaxCrossEntropyLoss(), optimizer ?? new AdamOptimizer(1e-3f), WithBatch(options, options.BatchSize * ranks)).Fit(data, validation);
        return (network, history);
    }

    // The same options at another batch size (TrainerOptions is not a record).
    private static TrainerOptions WithBatch(TrainerOptions options, int batch) => new()
    {
        Epochs = options.Epochs, BatchSize = batch, Seed = options.Seed, Penalties = options.Penalties, Augmentation = options.Augmentation,
        EarlyStopping = options.EarlyStopping, ClipGradientNorm = options.ClipGradientNorm, StopOnNonFinite = options.StopOnNonFinite, Health = options.Health,
    };

    private void CompareParameters(string name, ReadOnlySpan<float> actual, ReadOnlySpan<float> expected, string what)
    {
        float difference = Checks.MaxDifference(actual, expected);
        float scale = Checks.MaxMagnitude(expected);
        // Float rounding: the ranks add the same terms in another grouping than one process does.
        checks.Check(name, difference <= 1e-5f * Math.Max(1f, scale), $"{what}: max |Δparameter| {difference:G3} (largest |parameter| {scale:G3})");
    }
}
