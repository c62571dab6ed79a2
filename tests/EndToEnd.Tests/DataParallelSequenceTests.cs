using System;
using System.Linq;
using LongMemorySample;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// A batch of sequences split over threads, each part with its own rows' lengths, gives what the network gives alone,
/// up to the grouping of float sums; the same thread count gives the same bits every run, and one thread exactly the
/// network's own results.
/// </summary>
public sealed class DataParallelSequenceTests
{
    private const int TimeSteps = 6;

    [Theory]
    [MemberData(nameof(SequenceCase.All), MemberType = typeof(SequenceCase))]
    public void Every_sequence_network_split_in_two_matches_the_network(SequenceCase testCase) =>
        AssertSplitMatches(testCase, threads: 2, batch: 7);

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 11)]
    [InlineData(4, 5)]
    public void An_lstm_with_its_samples_lengths_split_any_way_matches_the_network(int threads, int batch) =>
        AssertSplitMatches(Case(nameof(LstmTagger)), threads, batch);

    [Theory]
    [InlineData(nameof(LstmTagger))]
    [InlineData(nameof(ResidualLstmTagger))]
    [InlineData(nameof(EmbeddingFanOutClassifier))]
    public void One_thread_gives_exactly_the_networks_own_results(string name)
    {
        var alone = Case(name).Create(TimeSteps);
        using var parallel = new DataParallelSequenceNetwork(Case(name).Create(TimeSteps), threads: 1);
        Assert.Equal(Train(alone, steps: 5, Case(name)), Train(parallel, steps: 5, Case(name)));
        Assert.True(alone.Parameters.SequenceEqual(parallel.Parameters));
    }

    [Fact]
    public void Two_threads_give_the_same_bits_every_run()
    {
        using var first = new DataParallelSequenceNetwork(new LstmTagger(TimeSteps, seed: 3), threads: 2);
        using var second = new DataParallelSequenceNetwork(new LstmTagger(TimeSteps, seed: 3), threads: 2);
        Assert.Equal(Train(first, steps: 8), Train(second, steps: 8));
        Assert.True(first.Parameters.SequenceEqual(second.Parameters));
        Assert.True(first.Gradients.SequenceEqual(second.Gradients));
    }

    [Fact]
    public void TimeSteps_set_on_the_wrapper_reaches_the_network_and_every_replica()
    {
        const int batch = 9;
        var testCase = Case(nameof(LstmTagger));
        var alone = new LstmTagger(TimeSteps, seed: 1);
        var network = new LstmTagger(TimeSteps, seed: 1);
        using var parallel = new DataParallelSequenceNetwork(network, threads: 3);
        Step(parallel, testCase.RandomInput(parallel, batch, seed: 1), new float[batch * parallel.OutputSize], batch, []);

        parallel.TimeSteps = alone.TimeSteps = 11;
        Assert.Equal(11, network.TimeSteps);
        Assert.Equal(network.InputSize, parallel.InputSize);
        Assert.Equal(network.OutputSize, parallel.OutputSize);
        Assert.Equal((LstmTagger.StepInputSize, LstmTagger.StepOutputSize, network.ReturnsSequences), (parallel.StepInputSize, parallel.StepOutputSize, parallel.ReturnsSequences));
        // Backward needs a Forward at the new length, as the network's does.
        Assert.Throws<InvalidOperationException>(() => parallel.Backward(new float[batch * parallel.OutputSize], Span<float>.Empty, batch));
        // Every part runs at the new length: a replica left at 6 steps would refuse its rows.
        AssertSameStep(testCase, alone, parallel, batch);
        Assert.Throws<ArgumentOutOfRangeException>(() => parallel.TimeSteps = 0);
    }

    [Fact]
    public void A_trainer_fits_a_sequence_network_through_the_wrapper()
    {
        const int timeSteps = 12;
        // 500 samples in batches of 32: the last batch, of 20, splits into other row ranges.
        var training = RecallSequences.LastSymbol(500, timeSteps, minLength: 2, seed: 5);
        using var parallel = new DataParallelSequenceNetwork(new LstmRecall(timeSteps, seed: 7), threads: 2);
        var trainer = new Trainer(parallel, new SoftmaxCrossEntropyLoss(), new AdamOptimizer(1e-2f), new TrainerOptions { Epochs = 4, BatchSize = 32, Seed = 8 });

        var history = trainer.Fit(training);

        Assert.True(history[^1].TrainingLoss < 0.5f * history[0].TrainingLoss, $"the loss should fall: {history[0].TrainingLoss} → {history[^1].TrainingLoss}");
    }

    [Fact]
    public void A_wrapper_is_a_sequence_network_exactly_when_its_network_is_one()
    {
        using var feedForward = new DataParallelNetwork(new Bench.Networks.MlpNetwork(seed: 1), threads: 2);
        Assert.False(feedForward is ISequenceNetwork);
        using var sequences = new DataParallelSequenceNetwork(new LstmTagger(TimeSteps), threads: 2);
        Assert.True(sequences is ISequenceNetwork);
        var error = Assert.Throws<ArgumentException>(() => new DataParallelNetwork(new LstmTagger(TimeSteps), threads: 2));
        Assert.Contains(nameof(DataParallelSequenceNetwork), error.Message);
    }

    [Fact]
    public void A_stateful_network_is_refused_with_the_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => new DataParallelSequenceNetwork(new StatefulLstm(TimeSteps), threads: 2));
        Assert.Contains("stateful recurrent layer", error.Message);
        Assert.Equal("network", error.ParamName);
    }

    [Fact]
    public void Lengths_are_checked_against_the_whole_batch()
    {
        using var parallel = new DataParallelSequenceNetwork(new LstmTagger(TimeSteps), threads: 2);
        var input = new float[4 * parallel.InputSize];
        var output = new float[4 * parallel.OutputSize];
        var error = Assert.Throws<ArgumentException>(() => parallel.Forward(input, output, 4, [1, 2, 3], training: true));
        Assert.StartsWith(nameof(DataParallelSequenceNetwork), error.Message);
        error = Assert.Throws<ArgumentException>(() => parallel.Forward(input, output, 4, [1, 2, 3, TimeSteps + 1], training: true));
        Assert.Contains("lengths[3]", error.Message);
    }

    private static SequenceCase Case(string name) => SequenceCase.All().Select(c => (SequenceCase)c[0]).Single(c => c.Name == name);

    // Each sample its own length, 0 and TimeSteps included, so every part gets lengths of its own.
    private static int[] Lengths(int batch) => Enumerable.Range(0, batch).Select(b => (b * 4 + 3) % (TimeSteps + 1)).ToArray();

    private static void AssertSplitMatches(SequenceCase testCase, int threads, int batch)
    {
        var alone = testCase.Create(TimeSteps);
        using var parallel = new DataParallelSequenceNetwork(testCase.Create(TimeSteps), threads);
        AssertSameStep(testCase, alone, parallel, batch);
    }

    // One Forward and Backward with per-sample lengths on both, from the same earlier gradients: the same outputs and gradients.
    private static void AssertSameStep(SequenceCase testCase, ISequenceNetwork alone, DataParallelSequenceNetwork parallel, int batch)
    {
        var input = testCase.RandomInput(alone, batch, seed: batch);
        var outputGradient = GeneratedNetworkTests.RandomVector(batch * alone.OutputSize, seed: 100 + batch);
        int[] lengths = Lengths(batch);
        var earlier = GeneratedNetworkTests.RandomVector(alone.ParameterCount, seed: 7);
        earlier.CopyTo(alone.Gradients);
        earlier.CopyTo(parallel.Gradients);

        var (expectedOutput, expectedInputGradient) = Step(alone, input, outputGradient, batch, lengths);
        var (output, inputGradient) = Step(parallel, input, outputGradient, batch, lengths);

        DataParallelTests.AssertClose(expectedOutput, output, "output");
        if (testCase.Vocabulary == 0) DataParallelTests.AssertClose(expectedInputGradient, inputGradient, "input gradient");
        DataParallelTests.AssertClose(alone.Gradients.ToArray(), parallel.Gradients.ToArray(), "parameter gradients");
    }

    private static (float[] Output, float[] InputGradient) Step(ISequenceNetwork network, float[] input, float[] outputGradient, int batch, int[] lengths)
    {
        var output = new float[outputGradient.Length];
        var inputGradient = new float[input.Length];
        network.Forward(input, output, batch, lengths, training: true);
        network.Backward(outputGradient, inputGradient, batch);
        return (output, inputGradient);
    }

    // Steps of SGD with momentum on a fixed random batch of 10 with per-sample lengths; the losses before each update.
    private static float[] Train(ISequenceNetwork network, int steps, SequenceCase? testCase = null)
    {
        const int batch = 10;
        var trainer = new Trainer(network, new MeanSquaredErrorLoss(), new SgdMomentumOptimizer(0.01f, 0.9f));
        // Token ids for a network that embeds them, values in [−1, 1) otherwise.
        var inputs = testCase?.RandomInput(network, batch, seed: 11) ?? GeneratedNetworkTests.RandomVector(batch * network.InputSize, seed: 11);
        var targets = GeneratedNetworkTests.RandomVector(batch * network.OutputSize, seed: 12);
        int[] lengths = Lengths(batch);
        return Enumerable.Range(0, steps).Select(_ => trainer.TrainStep(inputs, targets, batch, lengths)).ToArray();
    }
}
