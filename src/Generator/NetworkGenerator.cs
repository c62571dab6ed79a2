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
                typeof(NetworkAttribute).FullName!,
                // Records too, so that they are refused with DN0031 rather than skipped in silence.
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (context, token) => AttributeReader.Read(context, token))
            .WithTrackingName(TrackingNames.Declarations);

        // Infer shapes in a stage of its own: pure Dsl code, re-run only when a declaration changes.
        var plans = declarations
            .Select(static (declaration, _) => new NetworkPlan(declaration, ShapeInference.Infer(declaration.Spec)))
            .WithTrackingName(TrackingNames.Plans);

        // The text front end: each .dnn additional file parsed on its own (cached per file), then checked.
        var textDeclarations = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".dnn", StringComparison.OrdinalIgnoreCase))
            .Select(static (file, token) => DnnParser.Parse(file.Path, file.GetText(token)?.ToString() ?? string.Empty))
            .WithTrackingName(TrackingNames.TextDocuments)
            .Select(static (document, _) => TextDeclaration.From(document))
            .WithTrackingName(TrackingNames.TextPlans)
            .Collect();

        // Every network's name, so that names equal but for case get distinct hint names, and a .dnn file that
        // declares an attribute network's class gets a diagnostic: names and file names only, which rarely change,
        // so an edit inside one network does not re-emit the others.
        var attributeNames = declarations
            .Select(static (declaration, _) => new AttributeNetworkName(
                declaration.Target.FullName, System.IO.Path.GetFileName(declaration.Spec.Location.Path)))
            .Collect();
        var names = attributeNames
            .Combine(textDeclarations)
            .Select(static (pair, _) => NetworkNames.From(
                pair.Left.Select(a => a.FullName).Concat(EmittedText(pair.Right, pair.Left).Select(t => FullName(t.Document)))));

        context.RegisterSourceOutput(plans.Combine(names), static (output, pair) => Emit(output, pair.Left, pair.Right));

        // Collected, so that two files naming one class get a diagnostic instead of clashing hint names.
        context.RegisterSourceOutput(
            textDeclarations.Combine(attributeNames).Combine(names),
            static (output, inputs) => EmitText(output, inputs.Left.Left, inputs.Left.Right, inputs.Right));
    }

    private static void EmitText(
        SourceProductionContext output, ImmutableArray<TextDeclaration> all, ImmutableArray<AttributeNetworkName> attributes, NetworkNames names)
    {
        foreach (var (text, refusal) in Classify(all, attributes))
        {
            // No attribute analyzer sees .dnn files, so the generator reports their problems itself.
            foreach (var problem in text.Problems) output.ReportDiagnostic(DiagnosticFactory.Create(problem));
            if (!text.Document.HasNetworkName) continue;
            if (refusal is not null)
            {
                output.ReportDiagnostic(DiagnosticFactory.Create(refusal));
                continue;
            }
            string fullName = FullName(text.Document);
            if (!names.CanEmit(fullName)) continue;
            var plan = text.Plan;
            var source = plan is not null && plan.CanEmit
                ? NetworkEmitter.Emit(plan)
                : StubEmitter.Emit(new NetworkTarget(text.Document.Namespace, text.Document.ClassName, EquatableArray<ContainingType>.Empty));
            output.AddSource(names.HintName(fullName), SourceText.From(source, Encoding.UTF8));
        }
    }

    /// <summary>
    /// The .dnn declarations in path order, each with the problem that keeps it from being emitted: a class that an
    /// earlier file (DN0019) or a [Network] class (DN0032) declares already. The attribute class keeps its code.
    /// </summary>
    private static IEnumerable<(TextDeclaration Text, Problem? Refusal)> Classify(
        ImmutableArray<TextDeclaration> all, ImmutableArray<AttributeNetworkName> attributes)
    {
        var firstPaths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in all.OrderBy(t => t.Document.Path, StringComparer.Ordinal))
        {
            if (!text.Document.HasNetworkName)
            {
                yield return (text, null);
                continue;
            }
            string fullName = FullName(text.Document);
            var attribute = attributes.FirstOrDefault(a => a.FullName == fullName);
            if (attribute is not null)
            {
                yield return (text, ProblemCatalogue.DeclaredTwice.At(
                    text.Document.Spec.Location, fullName, System.IO.Path.GetFileName(text.Document.Path), attribute.FileName));
            }
            else if (firstPaths.TryGetValue(fullName, out var firstPath))
            {
                yield return (text, ProblemCatalogue.DslDuplicateNetwork.At(text.Document.Spec.Location, fullName, System.IO.Path.GetFileName(firstPath)));
            }
            else
            {
                firstPaths.Add(fullName, text.Document.Path);
                yield return (text, null);
            }
        }
    }

    private static IEnumerable<TextDeclaration> EmittedText(ImmutableArray<TextDeclaration> all, ImmutableArray<AttributeNetworkName> attributes) =>
        Classify(all, attributes).Where(c => c.Text.Document.HasNetworkName && c.Refusal is null).Select(c => c.Text);

    private static string FullName(DnnDocument document) =>
        document.Namespace.Length > 0 ? document.Namespace + "." + document.ClassName : document.ClassName;

    private static void Emit(SourceProductionContext output, NetworkPlan plan, NetworkNames names)
    {
        // Attribute networks are reported by NetworkAnalyzer; here only the emission decision uses the problems.
        // A class that cannot take a partial declaration gets nothing; a broken network gets a stub so the rest compiles.
        if (plan.Declaration.ClassProblems.Count > 0) return;
        string fullName = plan.Declaration.Target.FullName;
        if (!names.CanEmit(fullName)) return;
        var source = plan.CanEmit ? NetworkEmitter.Emit(plan) : StubEmitter.Emit(plan.Declaration.Target);
        output.AddSource(names.HintName(fullName), SourceText.From(source, Encoding.UTF8));
    }
}
