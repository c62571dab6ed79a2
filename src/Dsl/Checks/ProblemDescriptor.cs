using System.Globalization;
using DslNet.Model;

namespace DslNet.Checks;

/// <summary>One rule of the catalogue: a stable id, a title and a message format.</summary>
internal sealed record ProblemDescriptor(string Id, string Title, string MessageFormat, ProblemSeverity Severity)
{
    public Problem At(SourceLocation location, params object[] arguments) =>
        new(Id, Severity, string.Format(CultureInfo.InvariantCulture, MessageFormat, arguments), location);
}
