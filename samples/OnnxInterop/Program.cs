// DslNet to ONNX and PyTorch to DslNet: trains DigitsCnn on the 8×8 digits, exports it with OnnxExport, runs the
// ONNX model in ONNX Runtime and compares with DslNet's predictions; then loads a PyTorch state_dict (safetensors)
// into PyTorchCnn and compares with PyTorch's outputs. Run with --help for the options.
using System;
using OnnxInterop;

var options = InteropOptions.Parse(args, out int exitCode);
if (options is null) return exitCode;
return InteropRun.Execute(options, Console.Out, Console.Error);
