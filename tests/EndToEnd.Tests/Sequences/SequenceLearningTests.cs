using LongMemorySample;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>Recurrent networks learn sequence tasks in seconds: a long memory and variable lengths.</summary>
public sealed class SequenceLearningTests
{
    [Fact]
    public void An_lstm_remembers_a_marked_symbol_that_a_simple_rnn_forgets()
    {
        const int timeSteps = 24;
        var training = RecallSequences.MarkedSymbol(2000, timeSteps, seed: 1);
        var test = RecallSequences.MarkedSymbol(400, timeSteps, seed: 2);
        var options = new TrainerOptions { Epochs = 15, BatchSize = 32, Seed = 3, ClipGradientNorm = 5f };

        var lstm = new Trainer(new LstmRecall(timeSteps, seed: 4), new SoftmaxCrossEntropyLoss(), new AdamOptimizer(3e-3f), options);
        lstm.Fit(training);
        var rnn = new Trainer(new RnnRecall(timeSteps, seed: 4), new SoftmaxCrossEntropyLoss(), new AdamOptimizer(3e-3f), options);
        rnn.Fit(training);

        float lstmAccuracy = lstm.Evaluate(test).Accuracy!.Value, rnnAccuracy = rnn.Evaluate(test).Accuracy!.Value;
        Assert.True(lstmAccuracy >= 0.9f, $"Lstm test accuracy {lstmAccuracy:P1}");
        Assert.True(rnnAccuracy <= 0.4f, $"SimpleRnn test accuracy {rnnAccuracy:P1}: the task should be beyond its memory");
    }

    [Fact]
    public void A_gru_remembers_a_marked_symbol_forty_steps_back()
    {
        // Its update gate starts leaning towards keeping the state (b_iz = 1); from zero it stays at chance here.
        const int timeSteps = 40;
        var training = RecallSequences.MarkedSymbol(2000, timeSteps, seed: 1);
        var test = RecallSequences.MarkedSymbol(400, timeSteps, seed: 2);
        var options = new TrainerOptions { Epochs = 15, BatchSize = 32, Seed = 3, ClipGradientNorm = 5f };

        var gru = new Trainer(new GruRecall(timeSteps, seed: 4), new SoftmaxCrossEntropyLoss(), new AdamOptimizer(3e-3f), options);
        gru.Fit(training);

        float accuracy = gru.Evaluate(test).Accuracy!.Value;
        Assert.True(accuracy >= 0.9f, $"Gru test accuracy {accuracy:P1}");
    }

    [Fact]
    public void Variable_length_sequences_are_read_to_their_own_last_step()
    {
        const int timeSteps = 12;
        var training = RecallSequences.LastSymbol(1200, timeSteps, minLength: 2, seed: 5);
        var test = RecallSequences.LastSymbol(400, timeSteps, minLength: 2, seed: 6);
        var network = new LstmRecall(timeSteps, seed: 7);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new AdamOptimizer(1e-2f), new TrainerOptions { Epochs = 6, BatchSize = 32, Seed = 8 });

        trainer.Fit(training);

        float accuracy = trainer.Evaluate(test).Accuracy!.Value;
        Assert.True(accuracy >= 0.97f, $"test accuracy {accuracy:P1} with each sequence's length");
        // The same inputs read to the end of the padding answer with the padding's last symbol instead.
        var unpadded = new Dataset(Copy(test, d => d.Input), Copy(test, d => d.Target), test.Count);
        float ignoringLengths = trainer.Evaluate(unpadded).Accuracy!.Value;
        Assert.True(ignoringLengths < 0.6f, $"test accuracy {ignoringLengths:P1} when the lengths are ignored");
    }

    private static float[] Copy(Dataset data, System.Func<Dataset, System.Func<int, System.ReadOnlySpan<float>>> part)
    {
        var values = new System.Collections.Generic.List<float>();
        for (int i = 0; i < data.Count; i++) values.AddRange(part(data)(i).ToArray());
        return values.ToArray();
    }
}
