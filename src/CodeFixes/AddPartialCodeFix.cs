using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DslNet.Checks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslNet.CodeFixes;

/// <summary>
/// Adds the missing <c>partial</c>: to the network class (DN0005) or to the types it is nested in (DN0007),
/// every declaration in the document that lacks it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPartialCodeFix)), Shared]
public sealed class AddPartialCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(ProblemCatalogue.NotPartial.Id, ProblemCatalogue.NestedInNonPartial.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var network = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<ClassDeclarationSyntax>().FirstOrDefault();
            if (network is null) continue;
            bool outer = diagnostic.Id == ProblemCatalogue.NestedInNonPartial.Id;
            string title = outer ? "Make the containing types partial" : $"Make '{network.Identifier.ValueText}' partial";
            context.RegisterCodeFix(
                CodeAction.Create(title, token => AddPartialAsync(context.Document, network, outer, token), equivalenceKey: diagnostic.Id),
                diagnostic);
        }
    }

    private static async Task<Document> AddPartialAsync(Document document, ClassDeclarationSyntax network, bool outer, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model?.GetDeclaredSymbol(network, cancellationToken) is not INamedTypeSymbol symbol) return document;

        var types = outer
            ? Enumerable.Empty<INamedTypeSymbol>().Concat(Containing(symbol))
            : new[] { symbol };
        var targets = types
            .SelectMany(t => t.DeclaringSyntaxReferences)
            .Where(r => r.SyntaxTree == root.SyntaxTree)
            .Select(r => r.GetSyntax(cancellationToken))
            .OfType<TypeDeclarationSyntax>()
            .Where(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword))
            .ToList();
        return document.WithSyntaxRoot(root.ReplaceNodes(targets, (_, rewritten) => WithPartial(rewritten)));
    }

    private static System.Collections.Generic.IEnumerable<INamedTypeSymbol> Containing(INamedTypeSymbol symbol)
    {
        for (var type = symbol.ContainingType; type is not null; type = type.ContainingType) yield return type;
    }

    // 'partial' goes last among the modifiers, just before the keyword, where C# requires it.
    private static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax declaration)
    {
        var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (declaration.Modifiers.Count == 0)
        {
            // Keep the keyword's leading trivia (indentation, comments) in front of the new modifier.
            var keyword = declaration.Keyword;
            return declaration
                .WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
                .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
        }
        return declaration.WithModifiers(declaration.Modifiers.Add(partial));
    }
}
