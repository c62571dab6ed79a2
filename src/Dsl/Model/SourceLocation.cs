using System;

namespace DslNet.Model;

/// <summary>
/// Where a declaration stands in its file: a plain-data stand-in for Roslyn's <c>Location</c>,
/// so that the model holds no syntax tree and stays cacheable. Lines and columns are 0-based.
/// </summary>
internal readonly record struct SourceLocation(
    string Path, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public static SourceLocation None => new(string.Empty, 0, 0, 0, 0, 0, 0);

    public bool IsNone => string.IsNullOrEmpty(Path) && Length == 0;
}
