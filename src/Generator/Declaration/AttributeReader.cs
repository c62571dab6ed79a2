using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DslNet.Checks;
using DslNet.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslNet.Generator.Declaration;

/// <summary>
/// Reads the attribute front end: the [Network] class and its layer attributes, in source order,
/// into a <see cref="NetworkDeclaration"/> of plain data. Nothing Roslyn leaves this class.
/// </summary>
internal static class AttributeReader
{
    private static readonly string AttributeNamespace = typeof(NetworkAttribute).Namespace!;

    // Every layer attribute has a Name property, and all but the merge layers a From; DenseAttribute stands for them all.
    private const string NameProperty = nameof(DenseAttribute.Name);
    private const string FromProperty = nameof(DenseAttribute.From);

    // [Network] may be written without its Attribute suffix.
    private static readonly string NetworkShortName =
        nameof(NetworkAttribute).Substring(0, nameof(NetworkAttribute).Length - nameof(System.Attribute).Length);

    public static NetworkDeclaration Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        Read((INamedTypeSymbol)context.TargetSymbol, cancellationToken);

    /// <summary>Reads a class that carries [Network]; the analyzer calls this too, so both report the same problems.</summary>
    public static NetworkDeclaration Read(INamedTypeSymbol symbol, CancellationToken cancellationToken)
    {
        var problems = new List<Problem>();
        CheckClass(symbol, problems, cancellationToken);

        var inputs = new List<InputSpec>();
        var layers = new List<LayerSpec>();
        bool compilerErrors = false;
        var loss = LossKind.None;
        var lossLocation = SourceLocation.None;
        foreach (var attribute in symbol.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var type = attribute.AttributeClass;
            if (type is null || type.ContainingNamespace?.ToDisplayString() != AttributeNamespace) continue;
            if (type.TypeKind == TypeKind.Error || (type.Name != nameof(NetworkAttribute) && attribute.AttributeConstructor is null))
            {
                compilerErrors = true; // the C# compiler reports the unbound attribute
                continue;
            }
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            var location = ToSourceLocation(syntax?.GetLocation());
            switch (type.Name)
            {
                case nameof(NetworkAttribute):
                    loss = (LossKind)Named<int>(attribute, nameof(NetworkAttribute.Loss));
                    lossLocation = NamedArgumentLocation(syntax, nameof(NetworkAttribute.Loss), location);
                    break;
                case nameof(InputAttribute):
                    inputs.Add(new InputSpec(ReadInts(attribute.ConstructorArguments), location));
                    break;
                case nameof(SequenceInputAttribute):
                    inputs.Add(new InputSpec(ReadInts(attribute.ConstructorArguments), location, IsSequence: true));
                    break;
                default:
                    if (LayerKinds.ForAttribute(type.Name) is { } layer)
                    {
                        layers.Add(layer.Build(ReadValues(layer, attribute, syntax, layers.Count + 1, location)));
                    }
                    break;
            }
        }

        var spec = new NetworkSpec(
            symbol.Name, ToSourceLocation(symbol.Locations.FirstOrDefault()), inputs.ToEquatableArray(), layers.ToEquatableArray(), loss, lossLocation);
        return new NetworkDeclaration(ReadTarget(symbol), spec, problems.ToEquatableArray(), compilerErrors);
    }

    public static SourceLocation ToSourceLocation(Location? location)
    {
        if (location is null || location.SourceTree is null) return SourceLocation.None;
        var lines = location.GetLineSpan();
        return new SourceLocation(
            location.SourceTree.FilePath, location.SourceSpan.Start, location.SourceSpan.Length,
            lines.StartLinePosition.Line, lines.StartLinePosition.Character,
            lines.EndLinePosition.Line, lines.EndLinePosition.Character);
    }

    private static void CheckClass(INamedTypeSymbol symbol, List<Problem> problems, CancellationToken cancellationToken)
    {
        var declarations = symbol.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(cancellationToken))
            .OfType<TypeDeclarationSyntax>()
            .ToList();
        foreach (var declaration in declarations)
        {
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                problems.Add(ProblemCatalogue.NotPartial.At(ToSourceLocation(declaration.Identifier.GetLocation()), symbol.Name));
                break;
            }
        }
        if (UnsupportedKind(symbol, declarations) is { } kind)
        {
            problems.Add(ProblemCatalogue.UnsupportedClassKind.At(ToSourceLocation(symbol.Locations.FirstOrDefault()), symbol.Name, kind));
        }
        if (symbol.IsGenericType)
        {
            problems.Add(ProblemCatalogue.GenericNetwork.At(ToSourceLocation(symbol.Locations.FirstOrDefault()), symbol.Name));
        }
        for (var outer = symbol.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            bool isPartial = outer.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax(cancellationToken))
                .OfType<TypeDeclarationSyntax>()
                .All(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!isPartial)
            {
                problems.Add(ProblemCatalogue.NestedInNonPartial.At(
                    ToSourceLocation(symbol.Locations.FirstOrDefault()), symbol.Name, outer.Name));
            }
        }
        int declarationsWithLayers = declarations.Count(d => d.AttributeLists.SelectMany(l => l.Attributes).Any(IsLayerAttribute));
        if (declarationsWithLayers > 1)
        {
            problems.Add(ProblemCatalogue.SplitDeclaration.At(
                ToSourceLocation(symbol.Locations.FirstOrDefault()), symbol.Name, declarationsWithLayers));
        }
    }

    /// <summary>
    /// What keeps the generated code from fitting the class, or null: it adds constructors (a primary constructor
    /// would need every one to call it), creates instances (CreateReplica), and declares a partial class (not a record).
    /// </summary>
    private static string? UnsupportedKind(INamedTypeSymbol symbol, IReadOnlyList<TypeDeclarationSyntax> declarations)
    {
        if (symbol.IsRecord) return "is a record";
        if (symbol.IsStatic) return "is static";
        if (symbol.IsAbstract) return "is abstract";
        if (declarations.Any(d => d.ParameterList is not null)) return "has a primary constructor";
        return null;
    }

    // Syntactic: a layer attribute is any attribute but [Network]; binding is not needed to count declarations.
    private static bool IsLayerAttribute(AttributeSyntax attribute)
    {
        var name = attribute.Name.ToString();
        return !(name.EndsWith(NetworkShortName) || name.EndsWith(nameof(NetworkAttribute)));
    }

    private static NetworkTarget ReadTarget(INamedTypeSymbol symbol)
    {
        var containing = new List<ContainingType>();
        for (var outer = symbol.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingType(Keyword(outer), outer.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }
        var ns = symbol.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        return new NetworkTarget(ns, symbol.Name, containing.ToEquatableArray());
    }

    private static string Keyword(INamedTypeSymbol type) => (type.IsRecord, type.TypeKind) switch
    {
        (true, TypeKind.Struct) => "record struct",
        (true, _) => "record",
        (false, TypeKind.Struct) => "struct",
        (false, TypeKind.Interface) => "interface",
        _ => "class",
    };

    private static EquatableArray<int> ReadInts(IEnumerable<TypedConstant> arguments)
    {
        var values = new List<int>();
        foreach (var argument in arguments)
        {
            if (argument.Kind == TypedConstantKind.Array)
            {
                values.AddRange(argument.Values.Select(v => v.Value is int i ? i : 0));
            }
            else if (argument.Value is int i)
            {
                values.Add(i);
            }
        }
        return values.ToEquatableArray();
    }

    /// <summary>
    /// A layer attribute's values through its kind's syntax: constructor arguments in order, then named properties, each
    /// located at its argument (or at the attribute when left out, with the property's default).
    /// </summary>
    private static LayerValues ReadValues(LayerSyntax layer, AttributeData attribute, AttributeSyntax? syntax, int index, SourceLocation location)
    {
        var from = layer.TakesFrom && Named<string>(attribute, FromProperty) is { } source
            ? new LayerReference(source, NamedArgumentLocation(syntax, FromProperty, location))
            : null;
        var values = new LayerValues(index, Named<string>(attribute, NameProperty), location, from);
        int position = 0;
        foreach (var argument in layer.Arguments)
        {
            if (argument.Type == ArgumentType.LayerNames)
            {
                values.Set(argument.Property, ReadLayerNames(attribute, syntax, position, location), location);
                position++;
            }
            else if (argument.IsPositional)
            {
                var constants = attribute.ConstructorArguments;
                object? value = position < constants.Length ? constants[position].Value : null;
                values.Set(argument.Property, Accepts(argument, value) ? value! : argument.Default, ArgumentLocation(syntax, position, location));
                position++;
            }
            else
            {
                object? value = attribute.NamedArguments.FirstOrDefault(pair => pair.Key == argument.Property).Value.Value;
                values.Set(argument.Property, Accepts(argument, value) ? value! : argument.Default, NamedArgumentLocation(syntax, argument.Property, location));
            }
        }
        return values;
    }

    /// <summary>
    /// The layer names of a <c>params string[]</c> argument at <paramref name="position"/>, each located at its own string
    /// when they are written one by one (<c>[Add("a", "b")]</c>), else at the array.
    /// </summary>
    private static EquatableArray<LayerReference> ReadLayerNames(AttributeData attribute, AttributeSyntax? syntax, int position, SourceLocation location)
    {
        var constants = attribute.ConstructorArguments;
        // [Add(null)] passes a null array: no names, as [Add()] (DN0038), not a crash.
        if (position >= constants.Length || constants[position].Kind != TypedConstantKind.Array || constants[position].IsNull) return EquatableArray<LayerReference>.Empty;
        var names = constants[position].Values.Select(v => v.Value as string ?? string.Empty).ToArray();
        int written = syntax?.ArgumentList?.Arguments.Count(a => a.NameEquals is null) ?? 0;
        bool oneByOne = written - position == names.Length;
        return names.Select((name, k) => new LayerReference(name, ArgumentLocation(syntax, oneByOne ? position + k : position, location))).ToEquatableArray();
    }

    /// <summary>Whether a constant read from an attribute has the argument's type (an enum arrives as its underlying int).</summary>
    private static bool Accepts(LayerArgument argument, object? value) => argument.Type switch
    {
        ArgumentType.Integer or ArgumentType.Choice => value is int,
        ArgumentType.Number => value is double,
        ArgumentType.Flag => value is bool,
        _ => false,
    };

    private static T? Named<T>(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Value is T value) return value;
        }
        return default;
    }

    private static SourceLocation NamedArgumentLocation(AttributeSyntax? syntax, string name, SourceLocation fallback)
    {
        var argument = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
        return argument is null ? fallback : ToSourceLocation(argument.GetLocation());
    }

    private static SourceLocation ArgumentLocation(AttributeSyntax? syntax, int index, SourceLocation fallback)
    {
        var arguments = syntax?.ArgumentList?.Arguments;
        return arguments is { } list && list.Count > index ? ToSourceLocation(list[index].GetLocation()) : fallback;
    }
}
