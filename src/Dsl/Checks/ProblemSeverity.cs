namespace DslNet.Checks;

/// <summary>How bad a problem is; maps one to one onto Roslyn's <c>DiagnosticSeverity</c>.</summary>
internal enum ProblemSeverity
{
    Warning,
    Error,
}
