using System;
using System.CommandLine;
using System.IO;
using DslNet.Samples;

namespace OnnxInterop;

/// <summary>The sample's command line; <c>--help</c> lists every option with its default.</summary>
public sealed record InteropOptions(int Epochs, int Seed, string DataPath, string ModelPath, string PyTorchFolder)
{
    /// <summary>The options, or null after printing the usage for --help (exit code 0) or what is wrong (exit code 1).</summary>
    public static InteropOptions? Parse(string[] args, out int exitCode, TextWriter? output = null, TextWriter? error = null)
    {
        var epochs = SampleCommandLine.Int("--epochs", 15, "Passes over the training images");
        var seed = SampleCommandLine.Seed(42, "Seeds the split, the weights and the shuffling");
        var data = SampleCommandLine.Text("--data", DefaultDataPath, "The digits data set", "PATH");
        var model = SampleCommandLine.Text("--model", Path.Combine("onnx", "digits-cnn.onnx"), "Where to write the exported ONNX model", "PATH");
        var pytorch = SampleCommandLine.Text("--pytorch", DefaultPyTorchFolder,
            "The folder with PyTorch's cnn.safetensors (state_dict) and cnn.io.safetensors (its inputs and outputs)", "FOLDER");
        var command = new RootCommand(
            "Trains a CNN on the 8×8 digits, exports it to ONNX and runs it in ONNX Runtime against DslNet; then loads PyTorch's " +
            "weights into a declared network and checks PyTorch's outputs. Exit code 2 if ONNX Runtime disagrees beyond the " +
            "tolerance, 3 if PyTorch's outputs do.")
        {
            epochs, seed, data, model, pytorch,
        };
        return SampleCommandLine.Parse(command, args, result => new InteropOptions(
            result.GetValue(epochs), result.GetValue(seed), result.GetValue(data)!, result.GetValue(model)!, result.GetValue(pytorch)!),
            out exitCode, output, error);
    }

    /// <summary>data/digits.csv.gz next to the program, where the project copies it.</summary>
    public static string DefaultDataPath => Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz");

    /// <summary>pytorch/ next to the program, where the project copies PyTorch's files.</summary>
    public static string DefaultPyTorchFolder => Path.Combine(AppContext.BaseDirectory, "pytorch");
}
