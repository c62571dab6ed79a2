namespace DslNet.Checks;

/// <summary>How bad a problem is; maps one to one onto Roslyn's <c>DiagnosticSeverity</c>.</summary>
public enum ProblemSeverity
{
    Warning,
    Error,
}
