using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DslNet.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace DslNet.CodeFixes.Tests;

public sealed class AddPartialCodeFixTests
{
    [Fact]
    public async Task DN0005_the_network_class_becomes_partial()
    {
        var fixedText = await ApplyFix("DN0005", """
            using DslNet;
            namespace Models;

            /// <summary>A classifier.</summary>
            [Network]
            [Input(4)]
            [Dense(2)]
            public sealed class Net { }
            """);
        Assert.Contains("public sealed partial class Net { }", fixedText);
        Assert.Contains("/// <summary>A classifier.</summary>", fixedText);
    }

    [Fact]
    public async Task DN0005_without_modifiers_keeps_the_layout()
    {
        var fixedText = await ApplyFix("DN0005", "using DslNet;\n[Network][Input(4)][Dense(2)]\nclass Net { }\n");
        Assert.Equal("using DslNet;\n[Network][Input(4)][Dense(2)]\npartial class Net { }\n", fixedText);
    }

    [Fact]
    public async Task DN0007_every_containing_type_becomes_partial()
    {
        var fixedText = await ApplyFix("DN0007", """
            using DslNet;
            public static class Models
            {
                internal class Group
                {
                    [Network][Input(4)][Dense(2)]
                    public partial class Net { }
                }
            }
            """);
        Assert.Contains("public static partial class Models", fixedText);
        Assert.Contains("internal partial class Group", fixedText);
    }

    private static async Task<string> ApplyFix(string id, string source)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("Fixes", LanguageNames.CSharp)
            .WithMetadataReferences(References())
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var document = project.AddDocument("Net.cs", source);

        var diagnostic = (await Analyze(document.Project)).First(d => d.Id == id); // DN0007 comes once per non-partial outer type
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new AddPartialCodeFix().RegisterCodeFixesAsync(context);
        var operations = await Assert.Single(actions).GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;

        // After the fix the network is fine: no DN diagnostic is left.
        Assert.DoesNotContain(await Analyze(solution.GetProject(project.Id)!), d => d.Id.StartsWith("DN"));
        return (await solution.GetDocument(document.Id)!.GetTextAsync()).ToString();
    }

    private static async Task<ImmutableArray<Diagnostic>> Analyze(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        return await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new NetworkAnalyzer())).GetAnalyzerDiagnosticsAsync();
    }

    private static IEnumerable<MetadataReference> References()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(NetworkAttribute).Assembly.Location);
        paths.Add(typeof(INetwork).Assembly.Location);
        return paths.Distinct().Select(p => MetadataReference.CreateFromFile(p));
    }
}
