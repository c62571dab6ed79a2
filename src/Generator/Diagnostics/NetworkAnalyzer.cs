using System.Collections.Immutable;
using System.Linq;
using DslNet.Checks;
using DslNet.Generator.Declaration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DslNet.Generator.Diagnostics;

/// <summary>
/// Reports the DN diagnostics of attribute-declared networks, in the build and in the IDE as the user types.
/// It reads the class with the generator's own <see cref="AttributeReader"/> and checks it with the Dsl's
/// <see cref="ShapeInference"/>, so both see the same problems. The generator reports only .dnn problems:
/// if both reported everything, each error would appear twice in <c>dotnet build</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NetworkAnalyzer : DiagnosticAnalyzer
{
    private static readonly string NetworkAttributeName = typeof(NetworkAttribute).FullName!;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = DiagnosticFactory.All.ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var networkAttribute = start.Compilation.GetTypeByMetadataName(NetworkAttributeName);
            if (networkAttribute is null) return; // DslNet is not referenced
            start.RegisterSymbolAction(symbolContext =>
            {
                var type = (INamedTypeSymbol)symbolContext.Symbol;
                if (!type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, networkAttribute))) return;

                var declaration = AttributeReader.Read(type, symbolContext.CancellationToken);
                foreach (var problem in declaration.ClassProblems)
                {
                    symbolContext.ReportDiagnostic(DiagnosticFactory.Create(problem, symbolContext.Compilation));
                }
                // After an attribute that did not bind, shape problems are follow-ons of the compiler's own error.
                if (declaration.HasCompilerErrors) return;
                foreach (var problem in ShapeInference.Infer(declaration.Spec).Problems)
                {
                    symbolContext.ReportDiagnostic(DiagnosticFactory.Create(problem, symbolContext.Compilation));
                }
            }, SymbolKind.NamedType);
        });
    }
}
