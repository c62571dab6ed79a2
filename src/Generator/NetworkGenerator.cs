using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DslNet.Checks;
using DslNet.Model;
using DslNet.Text;
using DslNet.Generator.Declaration;
using DslNet.Generator.Diagnostics;
using DslNet.Generator.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using System.Text;

namespace DslNet.Generator;

/// <summary>
/// Compiles every <c>[Network] partial class</c> into shape-specialised forward and backward code.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Find [Network] classes and read them into plain data at once, so later stages cache on value equality.
        var declarations = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "DslNet.NetworkAttribute",
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: static (context, token) => AttributeReader.Read(context, token))
            .WithTrackingName(TrackingNames.Declarations);

        // Infer shapes in a stage of its own: pure Dsl code, re-run only when a declaration changes.
        var plans = declarations
            .Select(static (declaration, _) => new NetworkPlan(declaration, ShapeInference.Infer(declaration.Spec)))
            .WithTrackingName(TrackingNames.Plans);

        context.RegisterSourceOutput(plans, static (output, plan) => Emit(output, plan));

        // The text front end: each .dnn additional file parsed on its own (cached per file), then checked.
        var textDeclarations = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".dnn", StringComparison.OrdinalIgnoreCase))
            .Select(static (file, token) => DnnParser.Parse(file.Path, file.GetText(token)?.ToString() ?? string.Empty))
            .WithTrackingName(TrackingNames.TextDocuments)
            .Select(static (document, _) => TextDeclaration.From(document))
            .WithTrackingName(TrackingNames.TextPlans);

        // Collected, so that two files naming one class get a diagnostic instead of clashing hint names.
        context.RegisterSourceOutput(textDeclarations.Collect(), static (output, all) => EmitText(output, all));
    }

    private static void EmitText(SourceProductionContext output, ImmutableArray<TextDeclaration> all)
    {
        var emitted = new Dictionary<string, string>();
        foreach (var text in all.OrderBy(t => t.Document.Path, StringComparer.Ordinal))
        {
            // No attribute analyzer sees .dnn files, so the generator reports their problems itself.
            foreach (var problem in text.Problems) output.ReportDiagnostic(DiagnosticFactory.Create(problem));
            if (!text.Document.HasNetworkName) continue;

            string fullName = text.Document.Namespace.Length > 0 ? text.Document.Namespace + "." + text.Document.ClassName : text.Document.ClassName;
            if (emitted.TryGetValue(fullName, out var firstPath))
            {
                output.ReportDiagnostic(DiagnosticFactory.Create(
                    ProblemCatalogue.DslDuplicateNetwork.At(text.Document.Spec.Location, fullName, System.IO.Path.GetFileName(firstPath))));
                continue;
            }
            emitted.Add(fullName, text.Document.Path);
            var plan = text.Plan;
            var source = plan is not null && plan.CanEmit
                ? NetworkEmitter.Emit(plan)
                : StubEmitter.Emit(new NetworkTarget(text.Document.Namespace, text.Document.ClassName, EquatableArray<ContainingType>.Empty));
            output.AddSource(fullName + ".g.cs", SourceText.From(source, Encoding.UTF8));
        }
    }

    private static void Emit(SourceProductionContext output, NetworkPlan plan)
    {
        // Attribute networks are reported by NetworkAnalyzer; here only the emission decision uses the problems.
        // A class that cannot take a partial declaration gets nothing; a broken network gets a stub so the rest compiles.
        if (plan.Declaration.ClassProblems.Count > 0) return;
        var source = plan.CanEmit ? NetworkEmitter.Emit(plan) : StubEmitter.Emit(plan.Declaration.Target);
        output.AddSource(plan.Declaration.Target.FullName + ".g.cs", SourceText.From(source, Encoding.UTF8));
    }
}
