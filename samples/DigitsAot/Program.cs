// Trains the Digits MLP with a fixed seed and prints its test accuracy and a checksum of every test prediction
// (the arg-max class and the bits of each output probability). The JIT build and the NativeAOT build of this
// program print the same lines when both run the same SIMD path: .ci/aot-test checks that they do.
using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using Digits;
using DslNet;

// System.CommandLine is trimming- and NativeAOT-friendly: the native binary gets the same --help and errors.
var dataArgument = new Argument<string>("data")
{
    Description = "The digits data set",
    DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"),
};
var command = new RootCommand("Trains the Digits MLP with a fixed seed and prints its test accuracy and prediction checksums.") { dataArgument };
// No version of its own to show.
command.Options.Remove(command.Options.OfType<VersionOption>().Single());
command.SetAction(result => Run(result.GetValue(dataArgument)!));
return command.Parse(args).Invoke();

static int Run(string dataPath)
{
    if (!File.Exists(dataPath))
    {
        Console.Error.WriteLine($"Digits data not found at '{dataPath}'. Pass the path to digits.csv.gz (the repository has it in samples/data/).");
        return 1;
    }
    Dataset all;
    try
    {
        all = CsvDataset.LoadClassification(dataPath, classCount: 10, inputScale: 1f / 16);
    }
    catch (Exception e) when (e is InvalidDataException or FormatException or IOException)
    {
        Console.Error.WriteLine($"Cannot read the digits data at '{dataPath}': {e.Message}");
        return 1;
    }
    var (training, test) = all.Split(0.8, seed: 42);

    var network = new DigitsMlp(seed: 42);
    var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f, momentum: 0.9f),
        new TrainerOptions { Epochs = 10, BatchSize = 32, Seed = 42 });
    trainer.Fit(training);

    var inputs = new float[test.Count * DigitsMlp.InputSize];
    for (int i = 0; i < test.Count; i++) test.Input(i).CopyTo(inputs.AsSpan(i * DigitsMlp.InputSize));
    var outputs = new float[test.Count * DigitsMlp.OutputSize];
    network.Forward(inputs, outputs, test.Count);
    ulong classes = 14695981039346656037UL, bits = classes;
    int correct = 0;
    for (int i = 0; i < test.Count; i++)
    {
        var row = outputs.AsSpan(i * DigitsMlp.OutputSize, DigitsMlp.OutputSize);
        int predicted = TensorPrimitives.IndexOfMax(row);
        if (predicted == TensorPrimitives.IndexOfMax(test.Target(i))) correct++;
        classes = (classes ^ (ulong)predicted) * 1099511628211UL;
        foreach (float p in row) bits = (bits ^ BitConverter.SingleToUInt32Bits(p)) * 1099511628211UL;
    }
    Console.WriteLine($"test accuracy {(double)correct / test.Count:P2} ({correct}/{test.Count})");
    Console.WriteLine($"prediction checksum {classes:x16}");
    Console.WriteLine($"output bits checksum {bits:x16}");
    Console.WriteLine($"Vector256 accelerated: {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated}, Vector512: {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}");
    return 0;
}
