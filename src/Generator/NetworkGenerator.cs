using DslNet.Checks;
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
    }

    private static void Emit(SourceProductionContext output, NetworkPlan plan)
    {
        // Attribute networks are reported by NetworkAnalyzer; here only the emission decision uses the problems.
        // A class that cannot take a partial declaration gets nothing; a broken network gets a stub so the rest compiles.
        if (plan.Declaration.ClassProblems.Count > 0) return;
        var source = plan.CanEmit ? NetworkEmitter.Emit(plan) : StubEmitter.Emit(plan);
        output.AddSource(plan.Declaration.Target.FullName + ".g.cs", SourceText.From(source, Encoding.UTF8));
    }
}
