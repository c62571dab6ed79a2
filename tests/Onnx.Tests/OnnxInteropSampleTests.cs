using System;
using System.IO;
using System.Linq;
using OnnxInterop;
using Xunit;

namespace DslNet.Onnx.Tests;

/// <summary>
/// The OnnxInterop sample (samples/OnnxInterop, its files compiled here): trained, exported and run in ONNX Runtime, and
/// PyTorch's weights loaded, as <c>dotnet run --project samples/OnnxInterop</c> does; a disagreement is a non-zero exit.
/// And the OnnxInteropAot sample's imported network and check, under the JIT (.ci/aot-test publishes it with NativeAOT).
/// </summary>
public sealed class OnnxInteropSampleTests : IDisposable
{
    private static readonly string SampleFolder = Path.Combine(AppContext.BaseDirectory, "OnnxInterop");
    private readonly string _work = Directory.CreateTempSubdirectory("dslnet-onnx-interop-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private (int ExitCode, string Output, string Error) Run(string pytorchFolder, int epochs = 3)
    {
        var options = InteropOptions.Parse(
            ["--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", Path.Combine(SampleFolder, "data", "digits.csv.gz"),
             "--model", Path.Combine(_work, "onnx", "digits-cnn.onnx"), "--pytorch", pytorchFolder], out int parseExit);
        Assert.True(options is not null, $"the options did not parse (exit {parseExit})");
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = InteropRun.Execute(options, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void The_sample_trains_exports_and_agrees_with_onnx_runtime_and_pytorch()
    {
        var (exitCode, output, error) = Run(Path.Combine(SampleFolder, "pytorch"));
        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        Assert.True(File.Exists(Path.Combine(_work, "onnx", "digits-cnn.onnx")));
        Assert.Contains("ONNX Runtime against DslNet on the test images: 359 of 359 predictions agree", output);
        Assert.Contains("DslNet against PyTorch's outputs: 3 of 3 predictions agree", output);
        Assert.Equal(2, output.Split("every value within tolerance").Length - 1);
    }

    [Fact]
    public void Pytorch_outputs_beyond_the_tolerance_make_the_sample_exit_with_3()
    {
        // PyTorch's recorded outputs with one value moved by 1e-3: DslNet's run no longer matches them.
        var folder = Directory.CreateDirectory(Path.Combine(_work, "pytorch")).FullName;
        File.Copy(Path.Combine(SampleFolder, "pytorch", "cnn.safetensors"), Path.Combine(folder, "cnn.safetensors"));
        var io = Safetensors.Read(Path.Combine(SampleFolder, "pytorch", "cnn.io.safetensors"));
        var output = io["output"].Values.ToArray();
        output[7] += 1e-3f;
        Safetensors.Write(Path.Combine(folder, "cnn.io.safetensors"), new System.Collections.Generic.Dictionary<string, SafetensorsTensor>
        {
            ["input"] = io["input"],
            ["output"] = io["output"] with { Values = output },
        });

        var (exitCode, printed, error) = Run(folder, epochs: 1);

        Assert.Equal(InteropRun.PyTorchDisagrees, exitCode);
        Assert.Contains("1 values beyond tolerance", printed);
        Assert.Contains("differ from PyTorch's beyond the tolerance", error);
    }

    [Fact]
    public void The_command_line_lists_its_options_and_names_a_wrong_value()
    {
        var output = new StringWriter();
        Assert.Null(InteropOptions.Parse(["--help"], out int helpExit, output, new StringWriter()));
        Assert.Equal(0, helpExit);
        foreach (var option in new[] { "--epochs", "--seed", "--data", "--model", "--pytorch", "[default: 15]", "Exit code 2" })
            Assert.Contains(option, output.ToString());

        var error = new StringWriter();
        Assert.Null(InteropOptions.Parse(["--epochs", "0"], out int wrongExit, new StringWriter(), error));
        Assert.Equal(1, wrongExit);
        Assert.Contains("--epochs must be a positive whole number; got '0'.", error.ToString());

        var options = InteropOptions.Parse(["--seed", "7"], out int exit);
        Assert.Equal(0, exit);
        Assert.Equal(new InteropOptions(15, 7, InteropOptions.DefaultDataPath, Path.Combine("onnx", "digits-cnn.onnx"), InteropOptions.DefaultPyTorchFolder), options);
    }

    [Fact]
    public void Missing_data_is_one_line_and_exit_code_1()
    {
        var options = InteropOptions.Parse(["--data", Path.Combine(_work, "none.csv.gz")], out _)!;
        var error = new StringWriter();
        Assert.Equal(1, InteropRun.Execute(options, new StringWriter(), error));
        Assert.StartsWith($"Cannot load the digits data from '{Path.Combine(_work, "none.csv.gz")}':", error.ToString());
    }

    [Fact]
    public void Output_agreement_uses_the_onnx_tests_tolerance()
    {
        // Largest |e| is 100, so the floor is 1e-3; element 1 (e = 2) may move 1e-3 + 2e-4.
        float[] expected = [100f, 2f, -3f, 0.5f];
        var inside = OutputAgreement.Compare(expected, [100.009f, 2.0011f, -3f, 0.5f], rowSize: 2);
        Assert.True(inside.WithinTolerance, inside.ToString());
        Assert.Equal(2, inside.SamePrediction);

        // Element 1 just beyond its allowance; element 3 so far off that row 2's prediction changes.
        var outside = OutputAgreement.Compare(expected, [100f, 2.0013f, -3f, -4f], rowSize: 2);
        Assert.False(outside.WithinTolerance);
        Assert.Equal(2, outside.OutsideTolerance);
        Assert.Equal(1, outside.SamePrediction);
        Assert.Equal(4.5, outside.MaxDifference, 1e-6);

        var notANumber = OutputAgreement.Compare(expected, [100f, 2f, -3f, float.NaN], rowSize: 2);
        Assert.Equal(1, notANumber.OutsideTolerance);
        Assert.Equal(double.PositiveInfinity, notANumber.MaxDifference);
    }

    [Fact]
    public void The_samples_pytorch_files_are_the_test_fixtures()
    {
        foreach (var (folder, name) in new[] { ("OnnxInterop", "cnn.safetensors"), ("OnnxInterop", "cnn.io.safetensors"), ("OnnxInteropAot", "cnn.io.safetensors") })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, folder, "pytorch", name)).SequenceEqual(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name))),
                $"samples/{folder}/pytorch/{name} differs from tests/Onnx.Tests/Fixtures/{name}: copy the fixture again after make_fixtures.py.");
        }
    }

    [Fact]
    public void The_aot_samples_imported_files_are_what_dslnet_import_writes_for_pytorchs_onnx()
    {
        var result = OnnxImport.Import(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cnn.onnx"), "OnnxInteropAot.ImportedCnn");
        string folder = Path.Combine(AppContext.BaseDirectory, "OnnxInteropAot", "imported");
        Assert.Equal(result.Declaration, File.ReadAllText(Path.Combine(folder, "OnnxInteropAot.ImportedCnn.dnn")));
        var committed = Safetensors.Read(Path.Combine(folder, "cnn.safetensors"));
        Assert.Equal(result.Weights.Keys.Order(), committed.Keys.Order());
        foreach (var (name, tensor) in result.Weights)
        {
            Assert.Equal(tensor.Shape, committed[name].Shape);
            Assert.Equal(tensor.Values, committed[name].Values);
        }
    }

    [Fact]
    public void The_aot_samples_imported_network_gives_pytorchs_outputs()
    {
        var agreement = OnnxInteropAot.ImportedModelCheck.Run(Path.Combine(AppContext.BaseDirectory, "OnnxInteropAot"));
        Assert.True(agreement.WithinTolerance, agreement.ToString());
        Assert.Equal(3, agreement.SamePrediction);
    }
}
