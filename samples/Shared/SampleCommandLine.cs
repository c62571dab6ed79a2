using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using System.Linq;

namespace DslNet.Samples;

/// <summary>
/// The samples' command lines, read by System.CommandLine: <c>--help</c> prints the generated usage (exit code 0); an
/// unknown option, a missing value or one out of range prints what is wrong and the usage to the error stream (exit
/// code 1). The option factories here carry each range check with its message, so every sample words them alike.
/// </summary>
public static class SampleCommandLine
{
    /// <summary>
    /// Parses <paramref name="args"/> with <paramref name="command"/> and reads the options with <paramref name="read"/>;
    /// null after <c>--help</c> (<paramref name="exitCode"/> 0) or an error (non-zero). <paramref name="output"/> and
    /// <paramref name="error"/> replace the console, for tests.
    /// </summary>
    public static T? Parse<T>(RootCommand command, string[] args, Func<ParseResult, T> read, out int exitCode,
        TextWriter? output = null, TextWriter? error = null) where T : class
    {
        T? options = null;
        // The samples have no version of their own to show.
        foreach (var version in command.Options.OfType<VersionOption>().ToArray()) command.Options.Remove(version);
        command.SetAction(result => { options = read(result); });
        var configuration = new InvocationConfiguration();
        if (output is not null) configuration.Output = output;
        if (error is not null) configuration.Error = error;
        exitCode = command.Parse(args).Invoke(configuration);
        return exitCode == 0 ? options : null;
    }

    /// <summary>A whole number of at least <paramref name="minimum"/> (1 unless told), <paramref name="defaultValue"/> when absent.</summary>
    public static Option<int> Int(string name, int defaultValue, string description, int minimum = 1) =>
        new(name)
        {
            Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "N",
            CustomParser = result => ParseInt(result, name, minimum) ?? 0,
        };

    /// <summary>A whole number of at least <paramref name="minimum"/>, or null (meaning the sample's own choice) when absent.</summary>
    public static Option<int?> OptionalInt(string name, string description, int minimum = 1) =>
        new(name) { Description = description, HelpName = "N", CustomParser = result => ParseInt(result, name, minimum) };

    /// <summary>Any whole number: a seed.</summary>
    public static Option<int> Seed(int defaultValue, string description) =>
        Int("--seed", defaultValue, description, minimum: int.MinValue);

    /// <summary>A positive, finite number.</summary>
    public static Option<float> Positive(string name, float defaultValue, string description) =>
        new(name)
        {
            Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "X",
            CustomParser = result => (float)(ParseNumber(result, name, positive: true) ?? 0),
        };

    /// <summary>A positive, finite number as a double (a temperature, a ratio).</summary>
    public static Option<double> PositiveDouble(string name, double defaultValue, string description) =>
        new(name)
        {
            Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "X",
            CustomParser = result => ParseNumber(result, name, positive: true) ?? 0,
        };

    /// <summary>A positive, finite number, or null (meaning the sample's own choice) when absent.</summary>
    public static Option<float?> OptionalPositive(string name, string description) =>
        new(name) { Description = description, HelpName = "X", CustomParser = result => (float?)ParseNumber(result, name, positive: true) };

    /// <summary>A finite number of at least 0 (0 turns the feature off).</summary>
    public static Option<float> Rate(string name, string description) =>
        new(name)
        {
            Description = description, DefaultValueFactory = _ => 0f, HelpName = "X",
            CustomParser = result => (float)(ParseNumber(result, name, positive: false) ?? 0),
        };

    /// <summary>One of <paramref name="choices"/> (exactly as written), <paramref name="defaultValue"/> when absent.</summary>
    public static Option<string> Choice(string name, string defaultValue, string description, params string[] choices)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong(choices);
        return option;
    }

    /// <summary>Non-empty text, <paramref name="defaultValue"/> when absent (null: the sample's own choice).</summary>
    public static Option<string> Text(string name, string? defaultValue, string description, string helpName)
    {
        var option = new Option<string>(name) { Description = description, HelpName = helpName };
        if (defaultValue is not null) option.DefaultValueFactory = _ => defaultValue;
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.Tokens[^1].Value)) result.AddError($"{name} must be non-empty text.");
        });
        return option;
    }

    /// <summary>A switch: true when given.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>The number as the command line would write it, for help texts.</summary>
    public static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static int? ParseInt(ArgumentResult result, string name, int minimum)
    {
        string text = result.Tokens[^1].Value;
        string expected = minimum == 1 ? "a positive whole number" : minimum == int.MinValue ? "a whole number" : $"a whole number of at least {minimum}";
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= minimum) return value;
        result.AddError($"{name} must be {expected}; got '{text}'.");
        return null;
    }

    private static double? ParseNumber(ArgumentResult result, string name, bool positive)
    {
        string text = result.Tokens[^1].Value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && (positive ? value > 0 : value >= 0))
            return value;
        result.AddError($"{name} must be {(positive ? "a positive, finite number" : "a finite number of at least 0")}; got '{text}'.");
        return null;
    }
}
