using System;
using System.Globalization;

namespace DslNet.Samples;

/// <summary>
/// Reads a sample's options one at a time, for the sample's own switch to say what each means: <c>--help</c> prints
/// the usage and ends the reading (exit code 0); an unknown option, a missing value or one out of range prints what is
/// wrong and the usage to the error stream and ends it (exit code 2).
/// </summary>
public sealed class SampleCommandLine(string[] args, string usage)
{
    private int _next;
    private string _option = "";
    private int? _exitCode;

    /// <summary>The next option; false at the end, after <c>--help</c>, or once something was wrong.</summary>
    public bool Next(out string option)
    {
        option = _option = "";
        if (_exitCode is not null || _next >= args.Length) return false;
        option = _option = args[_next++];
        if (option is not ("--help" or "-h")) return true;
        Console.WriteLine(usage);
        _exitCode = 0;
        return false;
    }

    /// <summary>The current option's value as a whole number of at least <paramref name="minimum"/>.</summary>
    public int Int(int minimum = 1) =>
        int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= minimum ? value : Fail(0);

    /// <summary>The current option's value as a positive, finite number.</summary>
    public double Positive() =>
        double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0 && double.IsFinite(value) ? value : Fail(1.0);

    /// <summary>The current option's value as non-empty text.</summary>
    public string Text() => Value() is { Length: > 0 } value ? value : Fail("");

    /// <summary>Marks the current option as unknown; returns <paramref name="unchanged"/> so a switch expression can end with it.</summary>
    public T Unknown<T>(T unchanged) => Fail(unchanged);

    /// <summary>Whether every option was read; otherwise <paramref name="exitCode"/> is 0 after <c>--help</c> and 2 after an error.</summary>
    public bool Succeeded(out int exitCode)
    {
        exitCode = _exitCode ?? 0;
        return _exitCode is null;
    }

    private string? Value() => _next < args.Length ? args[_next++] : null;

    private T Fail<T>(T placeholder)
    {
        if (_exitCode is null)
        {
            Console.Error.WriteLine($"Unknown or incomplete option '{_option}'.");
            Console.Error.WriteLine(usage);
            _exitCode = 2;
        }
        return placeholder;
    }
}
