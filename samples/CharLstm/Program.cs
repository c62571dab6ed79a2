// Trains CharModel (CharModel.cs: Embedding → Lstm(512) → per-step softmax), or with --cell gru CharGruModel (the same
// with a Gru(512)), as a character-level language model on tiny Shakespeare, reports the validation loss in nats per
// character after each epoch, and writes text with the stateful twin. Run with --help for the options.
using System;
using System.Diagnostics;
using CharLstmSample;
using DslNet;
using DslNet.Samples;

var options = CharOptions.Parse(args, "CharLstm", new CharOptions(6, 32, 64, 0.002f, 0.8, 600, "ROMEO:", null, 42, CharOptions.DefaultDataPath, Cell: "lstm"), out int exitCode);
if (options is null) return exitCode;
var corpus = CharCorpus.Load(options, CharModel.StepOutputSize, "CharModel.cs");
if (corpus is null) return 1;
var (tokenizer, _, training, validation) = corpus;
Console.WriteLine(corpus.Description(options.TimeSteps));

bool gru = options.Cell == "gru";
ISequenceNetwork model = gru
    ? new CharGruModel(timeSteps: options.TimeSteps, seed: options.Seed, batchCapacity: options.BatchSize)
    : new CharModel(timeSteps: options.TimeSteps, seed: options.Seed, batchCapacity: options.BatchSize);
Console.WriteLine(gru
    ? $"CharGruModel: Embedding 65×32 → Gru 512 → Dense 65 softmax at every step, {CharGruModel.ParameterCount:N0} parameters."
    : $"CharModel: Embedding 65×32 → Lstm 512 → Dense 65 softmax at every step, {CharModel.ParameterCount:N0} parameters.");
// Adam with the learning rate annealed along a cosine to a twentieth of its start over the whole run.
int steps = options.Epochs * ((training.Count + options.BatchSize - 1) / options.BatchSize);
var optimizer = new ScheduledOptimizer(new AdamOptimizer(options.LearningRate), new CosineAnnealingSchedule(options.LearningRate, steps, options.LearningRate / 20));
var trainer = new Trainer(model, new SequenceCrossEntropyLoss(tokenizer.VocabularySize), optimizer, new TrainerOptions
{
    Epochs = options.Epochs,
    BatchSize = options.BatchSize,
    Seed = options.Seed,
    ClipGradientNorm = 5f,
});
Console.WriteLine($"Adam, learning rate {options.LearningRate} annealed along a cosine, batch {options.BatchSize}, gradients clipped to norm 5.");

ISequenceNetwork generator = gru ? new CharGruGenerator(timeSteps: 1, batchCapacity: 1) : new CharGenerator(timeSteps: 1, batchCapacity: 1);
var sampler = new TextSampler(new GeneratorPredictor(generator), tokenizer, options.Seed);
var clock = Stopwatch.StartNew();
// A progress bar on a terminal, a progress line every few seconds otherwise: an epoch of the full text takes minutes.
var history = TrainingConsole.Fit(trainer, training, validation, r =>
{
    model.Parameters.CopyTo(generator.Parameters);
    return $"epoch {r.Epoch}/{r.Epochs}  training loss {r.TrainingLoss:F3}  validation loss {r.ValidationLoss:F3} nats/char  " +
        $"validation accuracy {r.ValidationAccuracy:P1}  ({r.Elapsed.TotalSeconds:F0} s)\n" +
        "  " + sampler.Write(options.Prime, 160, options.Temperature).Replace("\n", "\n  ");
});
clock.Stop();

var final = history[history.Count - 1];
Console.WriteLine();
Console.WriteLine($"Validation loss {final.ValidationLoss:F3} nats per character after {history.Count} epochs in {clock.Elapsed.TotalSeconds:F0} s of training.");
Console.WriteLine($"Generated with temperature {options.Temperature}:");
Console.WriteLine();
model.Parameters.CopyTo(generator.Parameters);
Console.WriteLine(sampler.Write(options.Prime, options.Length, options.Temperature));
return 0;
