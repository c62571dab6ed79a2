// Trains the bench's W2 CNN on Fashion-MNIST (samples/FashionMnist's network and recipe: Adam 1e-3, global batch 64,
// 10 epochs) data-parallel over the processes of an MPI job: every rank holds a replica, takes its share of each global
// batch, and the gradients are summed across the ranks each step, so N ranks take the steps one process would.
//   mpirun -np 2 dotnet samples/DistributedFashionMnist/bin/Release/net10.0/DistributedFashionMnist.dll
// Rank 0 prints the epochs, the throughput, the test accuracy and the all-reduce time per step.
using System;
using System.Diagnostics;
using System.IO;
using DslNet;
using DslNet.Mpi;
using DslNet.Samples;
using DistributedFashionMnistSample;
using FashionMnistSample;

using var world = MpiWorld.Initialize();
// Every rank parses the same command line; only rank 0 prints help and errors, and every rank exits alike.
var options = SampleOptions.Parse(args, out int exitCode, world.IsRoot ? null : TextWriter.Null, world.IsRoot ? null : TextWriter.Null);
if (options is null) return exitCode;
if (options.GlobalBatch % world.Size != 0)
{
    if (world.IsRoot) Console.Error.WriteLine($"--batch {options.GlobalBatch} does not split evenly between {world.Size} ranks; give a multiple of {world.Size}.");
    return 1;
}
int localBatch = options.GlobalBatch / world.Size;

// Every machine reads its own copy of the data; a rank without it ends the job rather than leave the others waiting.
if (!SampleData.TryLoad("Fashion-MNIST", options.DataFolder ?? FashionMnist.DefaultFolder, "", () => FashionMnist.Load(options.DataFolder), out var data))
{
    world.Abort("Fashion-MNIST could not be loaded on this rank (the message above says why).");
}
var (training, test) = data;
if (options.Limit > 0 && options.Limit < training.Count)
{
    (training, _) = training.Split((double)options.Limit / training.Count, options.Seed);
}
if (world.IsRoot)
{
    Console.WriteLine($"{world.LibraryVersion.Split('\n')[0].Split(',')[0]}: {world.Size} rank(s), {options.Threads} thread(s) each, transport {Environment.GetEnvironmentVariable("OMPI_MCA_btl") ?? "Open MPI's choice"}.");
    Console.WriteLine($"Fashion-MNIST: {training.Count} training and {test.Count} test images. FashionCnn, Adam lr {options.LearningRate}, global batch {options.GlobalBatch} ({localBatch} per rank), {options.Epochs} epochs.");
}

// Every rank builds the network from the same seed; the trainer broadcasts rank 0's parameters anyway.
var network = new FashionCnn(options.Seed, localBatch);
using var parallel = options.Threads > 1 ? new DataParallelNetwork(network, options.Threads) : null;
var trainer = new DistributedTrainer(world, (INetwork?)parallel ?? network, new SoftmaxCrossEntropyLoss(), new AdamOptimizer(options.LearningRate),
    new TrainerOptions { Epochs = options.Epochs, BatchSize = localBatch, Seed = options.Seed });

var clock = Stopwatch.StartNew();
// The callback runs on rank 0 only (the trainer passes it nowhere else).
var history = trainer.Fit(training, test, new Progress<EpochReport>(r => Console.WriteLine(
    $"epoch {r.Epoch,2}/{r.Epochs}  loss {r.TrainingLoss:F4}  accuracy {r.TrainingAccuracy:P2}  " +
    $"test loss {r.ValidationLoss:F4}  test accuracy {r.ValidationAccuracy:P2}  ({r.Elapsed.TotalSeconds:F1} s)")));
clock.Stop();

var final = trainer.Evaluate(test);
var statistics = trainer.Statistics;
if (world.IsRoot)
{
    Console.WriteLine($"Test accuracy {final.Accuracy:P2} (loss {final.Loss:F4}) after {history.Count} epochs on {world.Size} rank(s); training took " +
        $"{clock.Elapsed.TotalSeconds:F1} s ({(double)training.Count * history.Count / clock.Elapsed.TotalSeconds:F0} samples/s including evaluation).");
    Console.WriteLine($"All-reduce: {statistics.GradientFloats} gradient floats in {statistics.Buckets} bucket(s), {statistics.AllReduceTimePerStep.TotalMicroseconds:F0} µs per step " +
        $"on rank 0 (waits for the other ranks included) over {statistics.Steps} steps.");
}
if (options.Checkpoint is { } path)
{
    trainer.SaveCheckpoint(path);
    if (world.IsRoot) Console.WriteLine($"Checkpoint: {Path.GetFullPath(path)} (written by rank 0).");
}
return 0;
