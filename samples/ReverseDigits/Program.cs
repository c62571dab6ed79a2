// Reverses sequences of random digits with SequenceReverser (SequenceReverser.cs: Embedding → PositionalEncoding →
// 2 × causal TransformerBlock → LayerNorm → per-step softmax), trained as next-token prediction on "digits | reversal"
// (Reversals.cs). After every epoch the held-out test sequences are decoded greedily, one digit at a time as a decoder
// is used, and scored per digit and per whole sequence. Run with --help for the options.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using DslNet;
using DslNet.Samples;
using ReverseDigitsSample;

var options = ReverseOptions.Parse(args, out int exitCode);
if (options is null) return exitCode;

// The test set is drawn first and the training set around it, so no test sequence is ever trained on.
var test = Reversals.Generate(options.TestCount, options.Length, options.Seed + 1);
var training = Reversals.Generate(options.TrainingCount, options.Length, options.Seed, heldOut: test);
Console.WriteLine($"Reverse {options.Length} random digits: {training.Count:N0} training and {test.Count:N0} held-out test sequences " +
    $"of {training.TimeSteps} steps (digits, separator, reversal so far); chance is 10 % a digit, 1e-{options.Length} a sequence.");

var network = new SequenceReverser(timeSteps: training.TimeSteps, seed: options.Seed, batchCapacity: options.BatchSize);
Console.WriteLine($"SequenceReverser: Embedding 11×32 → sinusoidal positions → 2 × TransformerBlock (4 heads, causal, feed-forward 128 ReLU) " +
    $"→ LayerNorm → Dense 10 softmax at every step, {SequenceReverser.ParameterCount:N0} parameters.");
var trainer = new Trainer(network, new SequenceCrossEntropyLoss(Reversals.Digits), new AdamOptimizer(options.LearningRate),
    new TrainerOptions { Epochs = options.Epochs, BatchSize = options.BatchSize, Seed = options.Seed, ClipGradientNorm = 1f });
Console.WriteLine($"Adam, learning rate {options.LearningRate}, batch {options.BatchSize}, gradients clipped to norm 1, {options.Epochs} epochs.");

var scores = new List<ReversalScore>();
var clock = Stopwatch.StartNew();
var history = TrainingConsole.Fit(trainer, training.Data, test.Data, r =>
{
    var score = ReversalScore.Of(test, ReversalDecoder.Decode(network, test, options.BatchSize));
    scores.Add(score);
    // Test figures: the loss with the true reversal as input, the accuracies of greedy decoding.
    return $"epoch {r.Epoch}/{r.Epochs}  loss {r.TrainingLoss:F4}  test: loss {r.ValidationLoss:F4}  " +
        $"digits {score.DigitAccuracy:P2}  sequences {score.SequenceAccuracy:P2}  {r.Elapsed.TotalSeconds:F1} s";
});
clock.Stop();

int[] predicted = ReversalDecoder.Decode(network, test, options.BatchSize);
var final = ReversalScore.Of(test, predicted);
Console.WriteLine();
Console.WriteLine("Held-out test sequences, reversed by the network one digit at a time:");
for (int s = 0; s < Math.Min(options.Examples, test.Count); s++)
{
    string input = Reversals.Text(test.Sequence(s));
    string output = Reversals.Text(predicted.AsSpan(s * test.Length, test.Length));
    var truth = new char[test.Length];
    for (int i = 0; i < test.Length; i++) truth[i] = input[test.Length - 1 - i];
    Console.WriteLine($"  {input} → {output}  {(output == new string(truth) ? "right" : "wrong, expected " + new string(truth))}");
}
Console.WriteLine();
Console.WriteLine($"Test: {final.DigitAccuracy:P2} of {test.Count * test.Length:N0} digits and {final.SequenceAccuracy:P2} of {test.Count:N0} whole sequences right " +
    $"after {history.Count} epochs, {clock.Elapsed.TotalSeconds:F1} s of training and evaluation.");
Console.WriteLine($"Charts: {TrainingCharts.SaveCurves(history, "reverse-digits", "ReverseDigits")}");
return 0;
