using System;
using System.Threading;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// The Trainer as one replica of several (the hook DslNet.Mpi drives across processes), run on threads of this process:
/// the replicas together take the steps one trainer takes at the global batch.
/// </summary>
public sealed class ReplicaTrainingTests
{
    private static Dataset Data(int count, int seed)
    {
        var random = new Random(seed);
        var inputs = new float[count * 6];
        var labels = new int[count];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextDouble();
        for (int n = 0; n < count; n++) labels[n] = inputs[n * 6] + inputs[n * 6 + 1] > 1 ? 2 : inputs[n * 6 + 2] > 0.5f ? 1 : 0;
        return Dataset.FromLabels(inputs, labels, 3);
    }

    // One thread per replica, all at once: the replicas wait for each other at every sum.
    private static void OnThreads(int replicas, Action<int> run)
    {
        var threads = new Thread[replicas];
        var failures = new Exception?[replicas];
        for (int rank = 0; rank < replicas; rank++)
        {
            int own = rank;
            threads[rank] = new Thread(() =>
            {
                try
                {
                    run(own);
                }
                catch (Exception e)
                {
                    failures[own] = e;
                }
            });
            threads[rank].Start();
        }
        foreach (var thread in threads) Assert.True(thread.Join(TimeSpan.FromSeconds(60)), "a replica did not finish within 60 s");
        foreach (var failure in failures) Assert.Null(failure);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Replicas_take_the_steps_of_one_trainer_at_the_global_batch(int replicas)
    {
        // 53 samples at 8 per replica: full global batches, then a short one split unevenly.
        var training = Data(53, seed: 1);
        var validation = Data(31, seed: 2);
        TrainerOptions Options(int batch) => new() { Epochs = 3, BatchSize = batch, Seed = 4 };

        var single = new LinearTestNetwork(6, 3, Activation.Softmax, seed: 9);
        var singleHistory = new Trainer(single, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.2f, 0.9f), Options(8 * replicas)).Fit(training, validation);

        var group = new InProcessReplicas(replicas);
        var networks = new LinearTestNetwork[replicas];
        var histories = new TrainingHistory[replicas];
        OnThreads(replicas, rank =>
        {
            networks[rank] = new LinearTestNetwork(6, 3, Activation.Softmax, seed: 9);
            var trainer = new Trainer(networks[rank], new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.2f, 0.9f), Options(8)) { Replicas = group.For(rank) };
            histories[rank] = trainer.Fit(training, validation);
        });

        for (int rank = 0; rank < replicas; rank++)
        {
            Assert.Equal(networks[0].Parameters.ToArray(), networks[rank].Parameters.ToArray());
            for (int i = 0; i < single.ParameterCount; i++) Assert.Equal(single.Parameters[i], networks[rank].Parameters[i], 1e-5f);
            var (expected, actual) = (singleHistory[^1], histories[rank][^1]);
            Assert.Equal(expected.TrainingLoss, actual.TrainingLoss, 1e-5f);
            Assert.Equal(expected.TrainingAccuracy, actual.TrainingAccuracy);
            Assert.Equal(expected.ValidationLoss!.Value, actual.ValidationLoss!.Value, 1e-5f);
            Assert.Equal(expected.ValidationAccuracy, actual.ValidationAccuracy);
        }
    }

    [Fact]
    public void A_sequence_loss_weights_each_replica_by_its_steps_with_a_target()
    {
        // Two steps of 3 classes per sample (logits); a random half of the second steps are padding, so the replicas'
        // shares of a batch hold different numbers of steps with a target.
        var random = new Random(5);
        const int count = 40;
        var inputs = new float[count * 6];
        var targets = new float[count * 6];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextDouble();
        for (int n = 0; n < count; n++)
        {
            targets[n * 6 + random.Next(3)] = 1f;
            if (random.Next(2) == 0) targets[n * 6 + 3 + random.Next(3)] = 1f;
        }
        var training = new Dataset(inputs, targets, count);
        TrainerOptions Options(int batch) => new() { Epochs = 2, BatchSize = batch, Seed = 4 };

        var single = new LinearTestNetwork(6, 6, Activation.Linear, seed: 9);
        var singleHistory = new Trainer(single, new SequenceCrossEntropyLoss(3), new SgdOptimizer(0.5f), Options(16)).Fit(training);
        var group = new InProcessReplicas(2);
        var networks = new LinearTestNetwork[2];
        var histories = new TrainingHistory[2];
        OnThreads(2, rank =>
        {
            networks[rank] = new LinearTestNetwork(6, 6, Activation.Linear, seed: 9);
            histories[rank] = new Trainer(networks[rank], new SequenceCrossEntropyLoss(3), new SgdOptimizer(0.5f), Options(8)) { Replicas = group.For(rank) }
                .Fit(training);
        });

        for (int i = 0; i < single.ParameterCount; i++) Assert.Equal(single.Parameters[i], networks[0].Parameters[i], 1e-5f);
        Assert.Equal(singleHistory[^1].TrainingLoss, histories[0][^1].TrainingLoss, 1e-5f);
        Assert.Equal(singleHistory[^1].TrainingAccuracy, histories[0][^1].TrainingAccuracy);
    }

    [Fact]
    public void A_replica_with_an_empty_share_adds_nothing_and_still_steps()
    {
        // 17 samples at 8 per replica on 2: the last global batch holds one sample, which only replica 1 gets.
        var training = Data(17, seed: 3);
        var single = new LinearTestNetwork(6, 3, Activation.Softmax, seed: 9);
        new Trainer(single, new SoftmaxCrossEntropyLoss(), new SgdOptimizer(0.5f), new TrainerOptions { Epochs = 2, BatchSize = 16, Seed = 4 }).Fit(training);

        var group = new InProcessReplicas(2);
        var networks = new LinearTestNetwork[2];
        OnThreads(2, rank =>
        {
            networks[rank] = new LinearTestNetwork(6, 3, Activation.Softmax, seed: 9);
            new Trainer(networks[rank], new SoftmaxCrossEntropyLoss(), new SgdOptimizer(0.5f), new TrainerOptions { Epochs = 2, BatchSize = 8, Seed = 4 }) { Replicas = group.For(rank) }
                .Fit(training);
        });

        Assert.Equal(networks[0].Parameters.ToArray(), networks[1].Parameters.ToArray());
        for (int i = 0; i < single.ParameterCount; i++) Assert.Equal(single.Parameters[i], networks[0].Parameters[i], 1e-5f);
    }
}
