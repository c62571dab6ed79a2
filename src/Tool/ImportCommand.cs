using System;
using System.CommandLine;
using System.IO;
using DslNet.Onnx;

namespace DslNet.Tool;

/// <summary>
/// <c>dslnet import model.onnx --class My.Net [--output folder]</c>: writes <c>My.Net.dnn</c> and
/// <c>model.safetensors</c> (the weights, for <c>PyTorchWeights.Load</c> into the class the .dnn compiles to).
/// </summary>
internal static class ImportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new Argument<FileInfo>("model") { Description = "The ONNX model to import" };
        var className = new Option<string>("--class") { Description = "The network class to declare, with its namespace: My.Net", Required = true };
        var folder = new Option<DirectoryInfo>("--output") { Description = "Where to write the .dnn and .safetensors files (default: the current folder)" };
        var command = new Command("import", "Import an ONNX model as a .dnn declaration and safetensors weights") { model, className, folder };
        command.SetAction(result =>
        {
            var source = result.GetValue(model)!;
            string name = result.GetValue(className)!;
            string target = result.GetValue(folder)?.FullName ?? Directory.GetCurrentDirectory();
            return Run(source.FullName, name, target, output, error);
        });
        return command;
    }

    /// <summary>Imports and writes the two files; 0 on success, 1 with the reason on <paramref name="error"/>.</summary>
    public static int Run(string model, string className, string folder, TextWriter output, TextWriter error)
    {
        try
        {
            if (!File.Exists(model)) throw new FileNotFoundException($"{model} does not exist.");
            var result = OnnxImport.Import(model, className);
            Directory.CreateDirectory(folder);
            string declaration = Path.Combine(folder, className + ".dnn");
            string weights = Path.Combine(folder, Path.GetFileNameWithoutExtension(model) + ".safetensors");
            File.WriteAllText(declaration, result.Declaration);
            Safetensors.Write(weights, result.Weights, new System.Collections.Generic.Dictionary<string, string> { ["format"] = "pt", ["source"] = Path.GetFileName(model) });
            output.WriteLine($"wrote {declaration} and {weights}");
            output.WriteLine($"load them with PyTorchWeights.Load(new {className}({(result.IsSequence ? "timeSteps: steps" : "")}), \"{Path.GetFileName(weights)}\") once the .dnn is in a project that references DslNet");
            return 0;
        }
        catch (Exception exception) when (exception is NotSupportedException or InvalidDataException or IOException or ArgumentException)
        {
            error.WriteLine($"dslnet import: {exception.Message}");
            return 1;
        }
    }
}
