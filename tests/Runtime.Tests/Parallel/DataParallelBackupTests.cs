using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// A worker that is late with its part (here: held in a hook while it holds its copy) is backed up by the caller on a
/// spare replica, and the results keep the bits of the same thread count without any delay: outputs, losses, the
/// trained parameters and BatchNorm's running statistics, step after step, while the late run finishes into its own copy.
/// </summary>
public sealed class DataParallelBackupTests
{
    internal const int Batch = 16;
    private const int Steps = 12;
    private static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(300);

    [Theory]
    [InlineData(nameof(BackupMlp), HeldWorker.Phase.Forward)]
    [InlineData(nameof(BackupMlp), HeldWorker.Phase.Backward)]
    [InlineData(nameof(BackupMlp), HeldWorker.Phase.Both)]
    [InlineData(nameof(BackupNormedMlp), HeldWorker.Phase.Both)]
    public void A_held_worker_is_backed_up_and_every_bit_matches_the_same_thread_count_without_delay(string name, HeldWorker.Phase phase)
    {
        using var reference = new DataParallelNetwork(Create(name), threads: 2);
        using var held = new DataParallelNetwork(Create(name), threads: 2);
        Assert.True(held.BacksUpLateParts);
        var holder = new HeldWorker(held, phase, holds: 3, Hold);

        var expected = Train(reference, out _);
        var actual = Train(held, out var slowestStep);

        Assert.Equal(expected, actual);
        Assert.True(reference.Parameters.SequenceEqual(held.Parameters), "the trained parameters (and running statistics) differ");
        Assert.True(holder.Holds > 0, "the worker never took a part, so nothing was held");
        Assert.True(held.BackupRuns >= holder.Holds, $"{holder.Holds} parts were held but only {held.BackupRuns} backed up");
        // Waiting for a held worker would make some step last the whole hold.
        Assert.True(slowestStep < Hold * 0.75, $"the slowest step took {slowestStep.TotalMilliseconds:F1} ms: the caller waited for the held worker");
    }

    [Fact]
    public void A_backed_up_output_and_input_gradient_are_the_same_bits()
    {
        using var reference = new DataParallelNetwork(new BackupMlp(seed: 4), threads: 3);
        using var held = new DataParallelNetwork(new BackupMlp(seed: 4), threads: 3);
        var holder = new HeldWorker(held, HeldWorker.Phase.Both, holds: 4, Hold);
        var input = TestData.Uniform(Batch * BackupMlp.InputSize, -1f, 1f, seed: 5);
        var outputGradient = TestData.Uniform(Batch * BackupMlp.OutputSize, -1f, 1f, seed: 6);
        for (int step = 0; step < 4; step++)
        {
            var (expectedOutput, expectedInputGradient) = Step(reference, input, outputGradient);
            var (output, inputGradient) = Step(held, input, outputGradient);
            Assert.Equal(expectedOutput, output);
            Assert.Equal(expectedInputGradient, inputGradient);
            Assert.True(reference.Gradients.SequenceEqual(held.Gradients), $"step {step}: the parameter gradients differ");
        }
        Assert.True(holder.Holds > 0 && held.BackupRuns >= holder.Holds, $"{holder.Holds} holds, {held.BackupRuns} backups");
    }

    [Fact]
    public void A_sequence_network_is_backed_up_with_its_rows_lengths_and_across_a_change_of_time_steps()
    {
        using var reference = new DataParallelSequenceNetwork(new BackupLstmTagger(timeSteps: 3, seed: 2), threads: 2);
        using var held = new DataParallelSequenceNetwork(new BackupLstmTagger(timeSteps: 3, seed: 2), threads: 2);
        Assert.True(held.BacksUpLateParts);
        var holder = new HeldWorker(held, HeldWorker.Phase.Both, holds: 4, TimeSpan.FromMilliseconds(50));
        // A larger batch first, then longer sequences in a smaller one: the copies' buffers must follow the sizes.
        (int Batch, int TimeSteps, int[] Lengths)[] calls = [(8, 3, [3, 1, 0, 2, 3, 3, 2, 1]), (8, 3, [1, 3, 3, 2, 0, 1, 3, 2]), (3, 7, [7, 2, 5]), (3, 7, [4, 7, 1])];
        foreach (var (batch, timeSteps, lengths) in calls)
        {
            reference.TimeSteps = held.TimeSteps = timeSteps;
            var input = TestData.Uniform(batch * held.InputSize, -1f, 1f, seed: batch + timeSteps);
            var outputGradient = TestData.Uniform(batch * held.OutputSize, -1f, 1f, seed: 7);
            Assert.Equal(SequenceStep(reference, input, outputGradient, batch, lengths), SequenceStep(held, input, outputGradient, batch, lengths));
            Assert.True(reference.Gradients.SequenceEqual(held.Gradients), $"batch {batch} of {timeSteps} steps: the parameter gradients differ");
        }
        Assert.True(holder.Holds > 0 && held.BackupRuns >= holder.Holds, $"{holder.Holds} holds, {held.BackupRuns} backups");
    }

    // Forward and backward with lengths; the output and the input gradient, end to end.
    private static float[] SequenceStep(ISequenceNetwork network, float[] input, float[] outputGradient, int batch, int[] lengths)
    {
        var output = new float[outputGradient.Length];
        var inputGradient = new float[input.Length];
        network.Forward(input, output, batch, lengths, training: true);
        network.Backward(outputGradient, inputGradient, batch);
        return [.. output, .. inputGradient];
    }

    [Fact]
    public void A_dropout_network_waits_for_its_workers_as_before()
    {
        using var reference = new DataParallelNetwork(new BackupDropoutMlp(seed: 2), threads: 2);
        using var held = new DataParallelNetwork(new BackupDropoutMlp(seed: 2), threads: 2);
        Assert.False(held.BacksUpLateParts);
        var holder = new HeldWorker(held, HeldWorker.Phase.Both, holds: 2, TimeSpan.FromMilliseconds(30));
        Assert.Equal(Train(reference, out _), Train(held, out _));
        Assert.True(reference.Parameters.SequenceEqual(held.Parameters));
        Assert.True(holder.Holds > 0);
        Assert.Equal(0, held.BackupRuns);
    }

    [Fact]
    public void A_network_that_does_not_describe_its_layers_is_not_backed_up()
    {
        using var parallel = new DataParallelNetwork(new Undescribed(new BackupMlp(seed: 1)), threads: 2);
        Assert.False(parallel.BacksUpLateParts);
        using var single = new DataParallelNetwork(new BackupMlp(seed: 1), threads: 1);
        Assert.False(single.BacksUpLateParts);
    }

    // A generated network seen only through INetwork: nothing says what its layers are.
    private sealed class Undescribed(INetwork inner) : INetwork
    {
        public int InputSize => inner.InputSize;
        public int OutputSize => inner.OutputSize;
        public int ParameterCount => inner.ParameterCount;
        public Activation OutputActivation => inner.OutputActivation;
        public Span<float> Parameters => inner.Parameters;
        public Span<float> Gradients => inner.Gradients;
        public ParameterLayout Layout => inner.Layout;
        public void InitializeParameters(int seed) => inner.InitializeParameters(seed);
        public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, bool training = false) => inner.Forward(input, output, batch, training);
        public void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch) => inner.Backward(outputGradient, inputGradient, batch);
        public void BackwardFromPreActivation(ReadOnlySpan<float> preActivationGradient, Span<float> inputGradient, int batch) => inner.BackwardFromPreActivation(preActivationGradient, inputGradient, batch);
        public void ZeroGradients() => inner.ZeroGradients();
        public INetwork CreateReplica(int stream) => new Undescribed(inner.CreateReplica(stream));
    }

    private static INetwork Create(string name) => name switch
    {
        nameof(BackupMlp) => new BackupMlp(seed: 1),
        nameof(BackupNormedMlp) => new BackupNormedMlp(seed: 1),
        _ => throw new ArgumentException(name),
    };

    internal static Trainer CreateTrainer(INetwork network) =>
        new(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f, 0.9f), new TrainerOptions { BatchSize = Batch });

    internal static (float[] Inputs, float[] Targets) Data(INetwork network)
    {
        var inputs = TestData.Uniform(Batch * network.InputSize, -1f, 1f, seed: 11);
        var targets = new float[Batch * network.OutputSize];
        for (int b = 0; b < Batch; b++) targets[b * network.OutputSize + b % network.OutputSize] = 1;
        return (inputs, targets);
    }

    // Steps of SGD with momentum on a fixed batch; the losses, and the slowest step's time.
    private static float[] Train(INetwork network, out TimeSpan slowestStep)
    {
        var trainer = CreateTrainer(network);
        var (inputs, targets) = Data(network);
        var losses = new float[Steps];
        slowestStep = TimeSpan.Zero;
        for (int i = 0; i < Steps; i++)
        {
            long start = Stopwatch.GetTimestamp();
            losses[i] = trainer.TrainStep(inputs, targets, Batch);
            var took = Stopwatch.GetElapsedTime(start);
            if (i > 0 && took > slowestStep) slowestStep = took; // the first step grows buffers and compiles
        }
        return losses;
    }

    private static (float[] Output, float[] InputGradient) Step(INetwork network, float[] input, float[] outputGradient)
    {
        var output = new float[outputGradient.Length];
        var inputGradient = new float[input.Length];
        network.Forward(input, output, Batch, training: true);
        network.Backward(outputGradient, inputGradient, Batch);
        return (output, inputGradient);
    }
}
