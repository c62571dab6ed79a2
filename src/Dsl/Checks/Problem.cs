using DslNet.Model;

namespace DslNet.Checks;

/// <summary>A problem found in a declaration, with the place it is at and a finished message.</summary>
internal sealed record Problem(string Id, ProblemSeverity Severity, string Message, SourceLocation Location);
