using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;

namespace DslNet.Samples;

/// <summary>
/// Loads a sample's data set and turns what can go wrong with the files (missing, unreadable, truncated, damaged,
/// malformed) into one line on the error stream instead of a stack trace: the sample then exits with code 1.
/// </summary>
public static class SampleData
{
    /// <summary>
    /// Whether <paramref name="load"/> gave <paramref name="data"/>; false after printing "Cannot load {description} from
    /// '{path}': why" and what to pass instead (<paramref name="hint"/>; empty when the loader's message says it already).
    /// Errors in the program itself still throw.
    /// </summary>
    public static bool TryLoad<T>(string description, string? path, string hint, Func<T> load, [MaybeNullWhen(false)] out T data, TextWriter? error = null)
    {
        try
        {
            data = load();
            return true;
        }
        catch (Exception e) when (IsDataError(e))
        {
            string where = path is null ? "" : $" from '{path}'";
            (error ?? Console.Error).WriteLine($"Cannot load {description}{where}: {e.Message}{(hint.Length > 0 ? " " + hint : "")}");
            data = default;
            return false;
        }
    }

    /// <summary>
    /// Whether <paramref name="e"/> says the data is missing or bad rather than the program wrong: a missing file or folder
    /// (<see cref="IOException"/> covers those, a truncated stream and a read error), no permission, a damaged archive
    /// (<see cref="InvalidDataException"/>), a field that is no number (<see cref="FormatException"/>).
    /// </summary>
    public static bool IsDataError(Exception e) =>
        e is IOException or InvalidDataException or FormatException or UnauthorizedAccessException;
}
