using System;
using System.Linq;
using System.Reflection;
using DslNet.Model;
using Xunit;

namespace DslNet.Dsl.Tests;

/// <summary>
/// The layer-kind registry against the attributes users write: every layer attribute has one syntax, and each syntax
/// reads exactly its attribute's constructor parameters and settable properties, with their types, so the attribute
/// and .dnn front ends cannot drift from the attribute classes.
/// </summary>
public sealed class LayerKindsTests
{
    private static readonly Type[] NotLayers = [typeof(NetworkAttribute), typeof(InputAttribute), typeof(SequenceInputAttribute)];

    private static Type[] LayerAttributes() => typeof(DenseAttribute).Assembly.GetExportedTypes()
        .Where(t => typeof(Attribute).IsAssignableFrom(t) && !t.IsAbstract && !NotLayers.Contains(t))
        .ToArray();

    [Fact]
    public void Every_layer_attribute_has_one_syntax_and_every_syntax_an_attribute()
    {
        var attributes = LayerAttributes().Select(t => t.Name).OrderBy(n => n).ToArray();
        Assert.NotEmpty(attributes);
        Assert.Equal(attributes, LayerKinds.All.Select(s => s.Attribute).OrderBy(n => n).ToArray());
    }

    [Fact]
    public void Keywords_are_lower_case_and_name_one_kind_each()
    {
        var keywords = LayerKinds.All.SelectMany(s => s.Keywords).ToArray();
        Assert.All(keywords, k => Assert.Equal(k.ToLowerInvariant(), k));
        Assert.Equal(keywords.Length, keywords.Distinct().Count());
        Assert.All(keywords, k => Assert.Same(LayerKinds.All.Single(s => s.Keywords.Contains(k)), LayerKinds.ForKeyword(k)));
    }

    [Fact]
    public void Each_syntax_reads_its_attributes_constructor_and_properties_with_their_types()
    {
        foreach (var syntax in LayerKinds.All)
        {
            var attribute = LayerAttributes().Single(t => t.Name == syntax.Attribute);
            var constructor = Assert.Single(attribute.GetConstructors());
            var positional = syntax.Arguments.Where(a => a.IsPositional).ToArray();
            Assert.Equal(constructor.GetParameters().Select(p => Kind(p.ParameterType)), positional.Select(a => a.Type));
            foreach (var (argument, parameter) in positional.Zip(constructor.GetParameters(), (a, p) => (a, p)))
            {
                // The constructor stores each argument in the get-only property the syntax names.
                var property = attribute.GetProperty(argument.Property);
                Assert.True(property is not null && property.PropertyType == parameter.ParameterType,
                    $"{attribute.Name}: positional argument {argument.Property} has no property of type {parameter.ParameterType.Name}");
            }

            var settable = attribute.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && p.Name != nameof(DenseAttribute.Name) && p.Name != nameof(DenseAttribute.From))
                .OrderBy(p => p.Name).ToArray();
            var named = syntax.Arguments.Where(a => !a.IsPositional).OrderBy(a => a.Property).ToArray();
            Assert.Equal(settable.Select(p => p.Name), named.Select(a => a.Property));
            foreach (var (argument, property) in named.Zip(settable, (a, p) => (a, p)))
            {
                Assert.Equal(Kind(property.PropertyType), argument.Type);
                if (argument.Choices is { } choices) Assert.Equal(property.PropertyType, choices);
                // The syntax's default is what the attribute holds when the property is not set.
                object? instance = Activator.CreateInstance(attribute, constructor.GetParameters().Select(p => Sample(p.ParameterType)).ToArray());
                Assert.Equal(property.GetValue(instance), argument.Default);
            }
        }
    }

    [Fact]
    public void Every_kind_but_the_merge_layers_takes_From_and_the_merge_layers_name_their_inputs()
    {
        foreach (var syntax in LayerKinds.All)
        {
            var attribute = LayerAttributes().Single(t => t.Name == syntax.Attribute);
            bool hasFrom = attribute.GetProperty(nameof(DenseAttribute.From)) is { CanWrite: true } from && from.PropertyType == typeof(string);
            Assert.True(hasFrom == syntax.TakesFrom, $"{attribute.Name}: From property {hasFrom}, syntax takes From {syntax.TakesFrom}");
        }
        Assert.False(LayerKinds.ForAttribute(nameof(AddAttribute))!.TakesFrom);
        Assert.False(LayerKinds.ForAttribute(nameof(ConcatenateAttribute))!.TakesFrom);
    }

    private static object Sample(Type type) => type == typeof(double) ? 0.5 : type == typeof(string[]) ? new[] { "a", "b" } : 1;

    private static ArgumentType Kind(Type type) =>
        type == typeof(string[]) ? ArgumentType.LayerNames
        : type == typeof(int) ? ArgumentType.Integer
        : type == typeof(double) ? ArgumentType.Number
        : type == typeof(bool) ? ArgumentType.Flag
        : type.IsEnum ? ArgumentType.Choice
        : throw new InvalidOperationException("No argument type for " + type);
}
