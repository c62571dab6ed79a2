using System.Collections.Generic;
using System.Linq;
using DslNet.Checks;
using DslNet.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DslNet.Generator.Diagnostics;

/// <summary>Turns the Dsl's <see cref="Problem"/>s into Roslyn diagnostics, one descriptor per catalogue rule.</summary>
internal static class DiagnosticFactory
{
    private static readonly Dictionary<string, DiagnosticDescriptor> Descriptors =
        ProblemCatalogue.All.ToDictionary(p => p.Id, ToDescriptor);

    public static IEnumerable<DiagnosticDescriptor> All => Descriptors.Values;

    /// <summary>
    /// The diagnostic for <paramref name="problem"/>. With the compilation, a location in one of its syntax
    /// trees becomes a real source location (a squiggle in the IDE); other files (.dnn) stay external.
    /// </summary>
    public static Diagnostic Create(Problem problem, Compilation? compilation = null) =>
        Diagnostic.Create(Descriptors[problem.Id], ToLocation(problem.Location, compilation), problem.Message);

    public static Location ToLocation(SourceLocation location, Compilation? compilation = null)
    {
        if (location.IsNone) return Location.None;
        var tree = compilation?.SyntaxTrees.FirstOrDefault(t => t.FilePath == location.Path);
        if (tree is not null && location.Start + location.Length <= tree.Length)
        {
            return Location.Create(tree, new TextSpan(location.Start, location.Length));
        }
        return Location.Create(
                location.Path,
                new TextSpan(location.Start, location.Length),
                new LinePositionSpan(
                    new LinePosition(location.StartLine, location.StartColumn),
                    new LinePosition(location.EndLine, location.EndColumn)));
    }

    private static DiagnosticDescriptor ToDescriptor(ProblemDescriptor problem) => new(
        problem.Id,
        problem.Title,
        "{0}",
        "DslNet",
        problem.Severity == ProblemSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        isEnabledByDefault: true);
}
