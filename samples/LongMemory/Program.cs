// Recall a marked symbol after many more: the seed's long-term-dependency criterion, measured. A SimpleRnn, an Lstm
// and a Gru of 32 units each train on the same sequences; the table shows their test accuracy per epoch side by side.
// Every later step brings a new symbol that overwrites an unprotected state, and the simple RNN's gradient through
// many tanh steps vanishes, so it stays near chance (25 %) once the sequences are long; the LSTM's gates keep the
// marked symbol in its cell state and its additive cell update carries the gradient back, and the GRU's update gate
// does the same on its one state (h = (1 − z)·n + z·h keeps h where z is near 1). With --residual, three Lstm layers
// stacked train beside them, plain and with residual connections (Add) around the first two.
using System;
using System.Diagnostics;
using DslNet;
using DslNet.Samples;
using LongMemorySample;

var commandLine = SampleOptions.Parse(args, out int exitCode);
if (commandLine is null) return exitCode;
var (timeSteps, epochs, seed, residual) = commandLine;

var training = RecallSequences.MarkedSymbol(2000, timeSteps, seed);
var test = RecallSequences.MarkedSymbol(500, timeSteps, seed + 1);
Console.WriteLine($"Recall the marked symbol (within the first quarter) of {timeSteps}: {training.Count} training and {test.Count} test sequences, chance 25 %.");

var options = new TrainerOptions { Epochs = epochs, BatchSize = 32, Seed = seed, ClipGradientNorm = 5f };
var rnn = new Trainer(new RnnRecall(timeSteps, seed), new SoftmaxCrossEntropyLoss(), new AdamOptimizer(3e-3f), options);
var lstm = new Trainer(new LstmRecall(timeSteps, seed), new SoftmaxCrossEntropyLoss(), new AdamOptimizer(3e-3f), options);
var gru = new Trainer(new GruRecall(timeSteps, seed), new SoftmaxCrossEntropyLoss(), new AdamOptimizer(3e-3f), options);
Console.WriteLine($"SimpleRnn: {RnnRecall.ParameterCount:N0} parameters; Lstm: {LstmRecall.ParameterCount:N0} parameters; Gru: {GruRecall.ParameterCount:N0} parameters; " +
    "Adam 3e-3, gradients clipped to norm 5.");

var clock = Stopwatch.StartNew();
var rnnHistory = TrainingConsole.Fit(rnn, training, test, r => $"SimpleRnn epoch {r.Epoch,2}/{r.Epochs}  test accuracy {r.ValidationAccuracy:P1}");
var rnnTime = clock.Elapsed;
clock.Restart();
var lstmHistory = TrainingConsole.Fit(lstm, training, test, r => $"Lstm epoch {r.Epoch,2}/{r.Epochs}  test accuracy {r.ValidationAccuracy:P1}");
var lstmTime = clock.Elapsed;
clock.Restart();
var gruHistory = TrainingConsole.Fit(gru, training, test, r => $"Gru epoch {r.Epoch,2}/{r.Epochs}  test accuracy {r.ValidationAccuracy:P1}");
var gruTime = clock.Elapsed;

Console.WriteLine();
Console.WriteLine("epoch   SimpleRnn test accuracy   Lstm test accuracy   Gru test accuracy");
for (int e = 0; e < epochs; e++)
{
    Console.WriteLine($"{e + 1,5}   {rnnHistory[e].ValidationAccuracy,23:P1}   {lstmHistory[e].ValidationAccuracy,18:P1}   {gruHistory[e].ValidationAccuracy,17:P1}");
}
Console.WriteLine();
Console.WriteLine($"After {epochs} epochs on sequences of {timeSteps} steps: SimpleRnn {rnnHistory[epochs - 1].ValidationAccuracy:P1} " +
    $"({rnnTime.TotalSeconds:F1} s), Lstm {lstmHistory[epochs - 1].ValidationAccuracy:P1} ({lstmTime.TotalSeconds:F1} s), " +
    $"Gru {gruHistory[epochs - 1].ValidationAccuracy:P1} ({gruTime.TotalSeconds:F1} s).");
if (!residual) return 0;

Console.WriteLine();
var stacked = new Trainer(new StackedLstmRecall(timeSteps, seed), new SoftmaxCrossEntropyLoss(), new AdamOptimizer(3e-3f), options);
var withSkips = new Trainer(new ResidualLstmRecall(timeSteps, seed), new SoftmaxCrossEntropyLoss(), new AdamOptimizer(3e-3f), options);
Console.WriteLine($"Three Lstm layers after a projection to 32 features, {StackedLstmRecall.ParameterCount:N0} parameters, plain and with residual connections around the first two.");
clock.Restart();
var stackedHistory = TrainingConsole.Fit(stacked, training, test, r => $"Stacked Lstm epoch {r.Epoch,2}/{r.Epochs}  test accuracy {r.ValidationAccuracy:P1}");
var stackedTime = clock.Elapsed;
clock.Restart();
var residualHistory = TrainingConsole.Fit(withSkips, training, test, r => $"Residual Lstm epoch {r.Epoch,2}/{r.Epochs}  test accuracy {r.ValidationAccuracy:P1}");
var residualTime = clock.Elapsed;

Console.WriteLine();
Console.WriteLine("epoch   Lstm test accuracy   Stacked Lstm test accuracy   Residual Lstm test accuracy");
for (int e = 0; e < epochs; e++)
{
    Console.WriteLine($"{e + 1,5}   {lstmHistory[e].ValidationAccuracy,18:P1}   {stackedHistory[e].ValidationAccuracy,26:P1}   {residualHistory[e].ValidationAccuracy,27:P1}");
}
Console.WriteLine();
Console.WriteLine($"After {epochs} epochs: one Lstm {lstmHistory[epochs - 1].ValidationAccuracy:P1}, three stacked {stackedHistory[epochs - 1].ValidationAccuracy:P1} " +
    $"({stackedTime.TotalSeconds:F1} s), three with residual connections {residualHistory[epochs - 1].ValidationAccuracy:P1} ({residualTime.TotalSeconds:F1} s).");
return 0;
