using System;
using System.Diagnostics;
using System.IO;
using DslNet;
using DslNet.Samples;

namespace OnnxInterop;

/// <summary>The sample from start to end, writing to the given streams so a test can run it as the program does.</summary>
public static class InteropRun
{
    /// <summary>Exit codes besides 0 (all agree) and 1 (data missing or unreadable).</summary>
    public const int OnnxRuntimeDisagrees = 2, PyTorchDisagrees = 3;

    public static int Execute(InteropOptions options, TextWriter output, TextWriter error)
    {
        // 1. Train a CNN on the digits: 1,797 images of 8×8 pixels in 0..16 (scaled to 0..1), split 80/20.
        if (!SampleData.TryLoad("the digits data", options.DataPath, "Pass --data <path to digits.csv.gz> (the repository has it in samples/data/).",
            () => CsvDataset.LoadClassification(options.DataPath, classCount: 10, inputScale: 1f / 16), out var all, error)) return 1;
        var (training, test) = all.Split(0.8, seed: options.Seed);
        var network = new DigitsCnn(seed: options.Seed);
        output.WriteLine($"DigitsCnn: 1×8×8 → conv 8@3×3 same ReLU → max-pool 2 → dense 32 ReLU → 10 softmax, {DigitsCnn.ParameterCount} parameters; " +
            $"{training.Count} training and {test.Count} test images.");
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdMomentumOptimizer(0.05f, momentum: 0.9f),
            new TrainerOptions { Epochs = options.Epochs, BatchSize = 32, Seed = options.Seed });
        var clock = Stopwatch.StartNew();
        trainer.Fit(training);
        output.WriteLine($"Trained {options.Epochs} epochs in {clock.Elapsed.TotalSeconds:F1} s: test accuracy {trainer.Evaluate(test).Accuracy:P1}.");

        // 2. Export it to ONNX and run the ONNX model in ONNX Runtime on every test image.
        var onnx = OnnxRuntimeComparison.Run(network, test, options.ModelPath);
        output.WriteLine($"Exported to {options.ModelPath} ({new FileInfo(options.ModelPath).Length:N0} bytes); ONNX Runtime against DslNet on the test images: {onnx}.");

        // 3. PyTorch's weights in a declared DslNet network, against the outputs PyTorch computed.
        if (!SampleData.TryLoad("PyTorch's weights and outputs", options.PyTorchFolder, "Pass --pytorch <folder with cnn.safetensors and cnn.io.safetensors>.",
            () => PyTorchComparison.Run(options.PyTorchFolder), out var pytorch, error)) return 1;
        output.WriteLine($"PyTorch's state_dict (cnn.safetensors) loaded into PyTorchCnn; DslNet against PyTorch's outputs: {pytorch}.");

        if (!onnx.WithinTolerance)
        {
            error.WriteLine("ONNX Runtime's outputs differ from DslNet's beyond the tolerance.");
            return OnnxRuntimeDisagrees;
        }
        if (!pytorch.WithinTolerance)
        {
            error.WriteLine("DslNet's outputs differ from PyTorch's beyond the tolerance.");
            return PyTorchDisagrees;
        }
        output.WriteLine("All agree within |a − e| ≤ 1e-4·|e| + 1e-5·max(1, max|e|).");
        return 0;
    }
}
