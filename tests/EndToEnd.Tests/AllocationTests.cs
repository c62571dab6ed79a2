using System;
using DslNet.Bench.Networks;
using DslNet.Tests.Shared;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>A training step of a generated network allocates nothing on the managed heap once warm.</summary>
[Collection(AllocationMeasurement.Name)]
public sealed class AllocationTests
{
    [Fact]
    public void Training_steps_allocate_zero_bytes_after_warm_up()
    {
        const int batch = 32;
        var network = new Digits.DigitsMlp(seed: 1, batchCapacity: batch);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.01f, 0.9f));
        var inputs = GeneratedNetworkTests.RandomVector(batch * Digits.DigitsMlp.InputSize, seed: 1);
        var targets = new float[batch * Digits.DigitsMlp.OutputSize];
        for (int b = 0; b < batch; b++) targets[b * 10 + b % 10] = 1;

        for (int i = 0; i < 20; i++) trainer.TrainStep(inputs, targets, batch); // warm-up: JIT, optimiser state
        SteadyStateAllocation.AssertZero(() =>
        {
            for (int i = 0; i < 200; i++) trainer.TrainStep(inputs, targets, batch);
        });
    }

    /// <summary>Graphs: the fan-out sums (scratch buffer, Add's copies, Concatenate's blocks) allocate nothing either.</summary>
    [Theory]
    [InlineData(nameof(ResidualCnn))]
    [InlineData(nameof(UNetSkip))]
    [InlineData(nameof(SkipMlp))]
    [InlineData(nameof(ResNetSample.FashionResNet))]
    public void Graph_networks_train_with_zero_bytes_per_step(string name)
    {
        const int batch = 16;
        INetwork network = name switch
        {
            nameof(ResidualCnn) => new ResidualCnn(seed: 1, batchCapacity: batch),
            nameof(UNetSkip) => new UNetSkip(seed: 1, batchCapacity: batch),
            nameof(ResNetSample.FashionResNet) => new ResNetSample.FashionResNet(seed: 1, batchCapacity: batch),
            _ => new SkipMlp(seed: 1, batchCapacity: batch),
        };
        ILoss loss = network.OutputActivation == Activation.Softmax ? new SoftmaxCrossEntropyLoss() : new BinaryCrossEntropyLoss();
        var trainer = new Trainer(network, loss, new AdamOptimizer(1e-3f));
        var inputs = GeneratedNetworkTests.RandomVector(batch * network.InputSize, seed: 1);
        var targets = new float[batch * network.OutputSize];
        for (int b = 0; b < batch; b++) targets[b * network.OutputSize + b % network.OutputSize] = 1;

        for (int i = 0; i < 20; i++) trainer.TrainStep(inputs, targets, batch);
        SteadyStateAllocation.AssertZero(() =>
        {
            for (int i = 0; i < 100; i++) trainer.TrainStep(inputs, targets, batch);
        });
    }

    public static TheoryData<string> Workloads => new() { "W1", "W2", "W5", "W6", "W7", "W8", "W9" };

    /// <summary>Every workload of bench/README.md, as the bench trains it; W7 and W8 count the worker thread's bytes too.</summary>
    [Theory]
    [MemberData(nameof(Workloads))]
    public void Every_workload_network_trains_with_zero_bytes_per_step(string workload)
    {
        using var parallel = workload switch
        {
            "W7" => new DataParallelNetwork(new MlpNetwork(seed: 1), threads: 2),
            "W8" => new DataParallelNetwork(new CnnNetwork(seed: 1), threads: 2),
            _ => null,
        };
        INetwork network = parallel ?? workload switch
        {
            "W1" => new MlpNetwork(seed: 1),
            "W2" => new CnnNetwork(seed: 1),
            "W5" => new LstmNetwork(timeSteps: 35, seed: 1),
            "W9" => new ResNetSample.FashionResNet(seed: 1),
            _ => (INetwork)new DenseBigNetwork(seed: 1),
        };
        int batch = workload switch { "W5" => 32, "W6" => 256, _ => 64 };
        var (loss, optimizer) = workload switch
        {
            "W5" => ((ILoss)new SoftmaxCrossEntropyLoss(), (IOptimizer)new AdamOptimizer(1e-3f)),
            "W6" => (new MeanSquaredErrorLoss(), new SgdOptimizer(0.01f)),
            _ => (new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.01f, 0.9f)),
        };
        var trainer = new Trainer(network, loss, optimizer, new TrainerOptions { BatchSize = batch });
        var inputs = GeneratedNetworkTests.RandomVector(batch * network.InputSize, seed: 1);
        var targets = new float[batch * network.OutputSize];
        for (int b = 0; b < batch; b++) targets[b * network.OutputSize + b % network.OutputSize] = 1;

        for (int i = 0; i < 10; i++) trainer.TrainStep(inputs, targets, batch); // warm-up: JIT, optimiser state, replicas' buffers
        // The caller's bytes and the workers' together.
        SteadyStateAllocation.AssertZero(() =>
        {
            for (int i = 0; i < 20; i++) trainer.TrainStep(inputs, targets, batch);
        }, () => GC.GetAllocatedBytesForCurrentThread() + (parallel?.WorkerAllocatedBytes ?? 0));
    }

    [Fact]
    public void Forward_and_backward_allocate_zero_bytes_after_warm_up()
    {
        const int batch = 7;
        var network = new DeepSoftmax(seed: 1);
        var input = new float[batch * DeepSoftmax.InputSize];
        var output = new float[batch * DeepSoftmax.OutputSize];
        var inputGradient = new float[input.Length];
        for (int i = 0; i < 5; i++) Step();
        SteadyStateAllocation.AssertZero(() =>
        {
            for (int i = 0; i < 100; i++) Step();
        });

        void Step()
        {
            network.Forward(input, output, batch, training: true);
            network.Backward(output, inputGradient, batch);
        }
    }

    /// <summary>GRU layers (stacked, after an embedding, with mixed lengths): a training step allocates nothing.</summary>
    [Fact]
    public void Gru_networks_train_with_zero_bytes_per_step()
    {
        const int batch = 6, timeSteps = 9;
        int[] lengths = [9, 4, 0, 7, 1, 9];
        var network = new TokenGruClassifier(timeSteps, seed: 1);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new AdamOptimizer(1e-3f));
        var inputs = new float[batch * network.InputSize];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = i % 7;
        var targets = new float[batch * network.OutputSize];
        for (int b = 0; b < batch; b++) targets[b * network.OutputSize + b % network.OutputSize] = 1;

        for (int i = 0; i < 10; i++) trainer.TrainStep(inputs, targets, batch, lengths);
        SteadyStateAllocation.AssertZero(() =>
        {
            for (int i = 0; i < 50; i++) trainer.TrainStep(inputs, targets, batch, lengths);
        });
    }

    /// <summary>A sequence network split over two threads, each part with its rows' lengths: neither thread allocates.</summary>
    [Fact]
    public void A_split_sequence_network_trains_with_zero_bytes_per_step()
    {
        const int batch = 10, timeSteps = 7;
        using var parallel = new DataParallelSequenceNetwork(new LstmTagger(timeSteps, seed: 1), threads: 2);
        var trainer = new Trainer(parallel, new MeanSquaredErrorLoss(), new SgdMomentumOptimizer(0.01f, 0.9f));
        var inputs = GeneratedNetworkTests.RandomVector(batch * parallel.InputSize, seed: 1);
        var targets = GeneratedNetworkTests.RandomVector(batch * parallel.OutputSize, seed: 2);
        int[] lengths = [7, 3, 0, 5, 7, 1, 6, 2, 7, 4];

        for (int i = 0; i < 10; i++) trainer.TrainStep(inputs, targets, batch, lengths); // warm-up: JIT, optimiser state, replicas' buffers
        SteadyStateAllocation.AssertZero(() =>
        {
            for (int i = 0; i < 20; i++) trainer.TrainStep(inputs, targets, batch, lengths);
        }, () => GC.GetAllocatedBytesForCurrentThread() + parallel.WorkerAllocatedBytes);
    }

    [Fact]
    public void Transformer_networks_allocate_zero_bytes_per_step_after_warm_up()
    {
        const int batch = 5, timeSteps = 9;
        int[] lengths = [9, 4, 7, 1, 9];
        ISequenceNetwork[] networks = [new TinyTransformer(timeSteps, seed: 1), new LearnedPositionBlockTagger(timeSteps, seed: 1)];
        foreach (var network in networks)
        {
            var input = new float[batch * network.InputSize]; // token id 0, or zero features
            var output = new float[batch * network.OutputSize];
            var inputGradient = new float[input.Length];
            for (int i = 0; i < 5; i++) Step(network);
            SteadyStateAllocation.AssertZero(() =>
            {
                for (int i = 0; i < 50; i++) Step(network);
            });

            void Step(ISequenceNetwork n)
            {
                n.Forward(input, output, batch, lengths, training: true);
                n.Backward(output, inputGradient, batch);
            }
        }
    }
}
