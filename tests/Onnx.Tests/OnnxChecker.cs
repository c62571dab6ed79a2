using System;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace DslNet.Onnx.Tests;

/// <summary>
/// ONNX's own model checker (<c>onnx.checker.check_model(full_check=True)</c>: the schema of every node, types, and shape
/// inference) through Debian's python3-onnx, which CI installs; on a machine without it the tests that need it are skipped.
/// </summary>
internal static class OnnxChecker
{
    private const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> s_missing = new(() =>
    {
        if (!File.Exists(Python)) return $"{Python} is not installed";
        var (code, output) = RunPython("import onnx");
        return code == 0 ? null : "python3-onnx is not installed (apt-get install python3-onnx): " + output.Trim();
    });

    /// <summary>Why the checker cannot run here, or null when it can.</summary>
    public static string? Missing => s_missing.Value;

    /// <summary>Checks every <c>.onnx</c> file of <paramref name="folder"/>; returns the exit code and what the checker printed.</summary>
    public static (int ExitCode, string Output) CheckFolder(string folder) => RunPython(
        "import glob, sys, onnx\n" +
        "failed = 0\n" +
        "for path in sorted(glob.glob(sys.argv[1] + '/*.onnx')):\n" +
        "    try:\n" +
        "        onnx.checker.check_model(onnx.load(path), full_check=True)\n" +
        "        print('ok', path)\n" +
        "    except Exception as error:\n" +
        "        failed += 1\n" +
        "        print('FAILED', path, error)\n" +
        "sys.exit(1 if failed else 0)\n", folder);

    private static (int, string) RunPython(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}

/// <summary>A fact that needs ONNX's checker: skipped, with the reason, where python3-onnx is missing.</summary>
public sealed class OnnxCheckerFactAttribute : FactAttribute
{
    public OnnxCheckerFactAttribute()
    {
        if (OnnxChecker.Missing is { } reason) Skip = reason;
    }
}
