using System;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>A training step of a generated network allocates nothing on the managed heap once warm.</summary>
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
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++) trainer.TrainStep(inputs, targets, batch);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
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
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        void Step()
        {
            network.Forward(input, output, batch, training: true);
            network.Backward(output, inputGradient, batch);
        }
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
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 50; i++) Step(network);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

            void Step(ISequenceNetwork n)
            {
                n.Forward(input, output, batch, lengths, training: true);
                n.Backward(output, inputGradient, batch);
            }
        }
    }
}
