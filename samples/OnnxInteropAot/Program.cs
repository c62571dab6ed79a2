// A PyTorch model compiled to literal-size C# and published with NativeAOT. PyTorch exported it to ONNX;
// `dslnet import cnn.onnx --class OnnxInteropAot.ImportedCnn` wrote imported/OnnxInteropAot.ImportedCnn.dnn (which the
// generator compiles here like any other network) and imported/cnn.safetensors (its weights). The program loads the
// weights, runs PyTorch's inputs and compares with PyTorch's outputs; exit code 3 if they differ beyond the tolerance.
using System;
using System.IO;
using System.Runtime.Intrinsics;
using OnnxInteropAot;

string folder = args.Length > 0 ? args[0] : AppContext.BaseDirectory;
if (args is ["--help" or "-h"] || args.Length > 1)
{
    Console.WriteLine("Usage: OnnxInteropAot [FOLDER]   (FOLDER holds imported/cnn.safetensors and pytorch/cnn.io.safetensors; default: beside the program)");
    return args.Length > 1 ? 1 : 0;
}
OnnxInterop.OutputAgreement agreement;
try
{
    agreement = ImportedModelCheck.Run(folder);
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"Cannot load the imported weights or PyTorch's outputs from '{folder}': {e.Message}");
    return 1;
}
Console.WriteLine($"ImportedCnn ({ImportedCnn.ParameterCount} parameters, declared by dslnet import) against PyTorch's outputs: {agreement}.");
Console.WriteLine($"Vector256 accelerated: {Vector256.IsHardwareAccelerated}");
return agreement.WithinTolerance ? 0 : 3;
