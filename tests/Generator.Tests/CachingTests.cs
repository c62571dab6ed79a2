using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>The pipeline caches: an unrelated edit reruns nothing, and no Roslyn object leaks into the model.</summary>
public sealed class CachingTests
{
    private const string Network = """
        using DslNet;
        namespace Examples;
        [Network]
        [Input(4)]
        [Dense(8, Activation = Activation.ReLU)]
        [Dense(2, Activation = Activation.Softmax)]
        public partial class Small { }
        """;

    private static readonly string[] TrackedSteps = [TrackingNames.Declarations, TrackingNames.Plans];

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        var compilation = GeneratorHarness.Compile(Network, "class Unrelated { }");
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("class Unrelated { int _edited; }", GeneratorHarness.ParseOptions, path: "Source1.cs"));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in TrackedSteps)
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {step} was {o.Reason}"));
        }
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_the_network_changes_the_output()
    {
        var compilation = GeneratorHarness.Compile(Network);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText(Network.Replace("Dense(8", "Dense(9"), GeneratorHarness.ParseOptions, path: "Source0.cs"));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var plan = result.TrackedSteps[TrackingNames.Plans].SelectMany(s => s.Outputs).Single();
        Assert.Equal(IncrementalStepRunReason.Modified, plan.Reason);
        Assert.Contains("public const int ParameterCount = 65;", result.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void No_step_output_holds_a_compilation_symbol_or_syntax_node()
    {
        var result = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.Compile(Network)).GetRunResult().Results.Single();
        foreach (var step in TrackedSteps)
        {
            foreach (var output in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                AssertNoRoslynObjects(output.Value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static void AssertNoRoslynObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        if (!value.GetType().IsValueType && !seen.Add(value)) return;
        Assert.False(value is Compilation or ISymbol or SyntaxNode or SyntaxTree or SemanticModel or Location,
            $"{path} holds a {value.GetType().Name}, which breaks caching");
        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (var item in items) AssertNoRoslynObjects(item, $"{path}[{i++}]", seen);
            return;
        }
        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoRoslynObjects(field.GetValue(value), $"{path}.{field.Name}", seen);
        }
    }
}
