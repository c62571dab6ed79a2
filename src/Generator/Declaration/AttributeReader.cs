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
    private const string AttributeNamespace = "DslNet";

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
            if (type.TypeKind == TypeKind.Error || (type.Name != "NetworkAttribute" && attribute.AttributeConstructor is null))
            {
                compilerErrors = true; // the C# compiler reports the unbound attribute
                continue;
            }
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            var location = ToSourceLocation(syntax?.GetLocation());
            switch (type.Name)
            {
                case "NetworkAttribute":
                    loss = (LossKind)Named<int>(attribute, "Loss");
                    lossLocation = NamedArgumentLocation(syntax, "Loss", location);
                    break;
                case "InputAttribute":
                    inputs.Add(new InputSpec(ReadInts(attribute.ConstructorArguments), location));
                    break;
                case "SequenceInputAttribute":
                    inputs.Add(new InputSpec(ReadInts(attribute.ConstructorArguments), location, IsSequence: true));
                    break;
                case "EmbeddingAttribute":
                    layers.Add(new EmbeddingSpec(
                        layers.Count + 1,
                        Named<string>(attribute, "Name"),
                        location,
                        Constructor(attribute, 0),
                        Constructor(attribute, 1),
                        ArgumentLocation(syntax, 0, location),
                        ArgumentLocation(syntax, 1, location)));
                    break;
                case "SimpleRnnAttribute":
                case "LstmAttribute":
                    layers.Add(new RecurrentSpec(
                        layers.Count + 1,
                        Named<string>(attribute, "Name"),
                        location,
                        type.Name == "LstmAttribute" ? RecurrentCell.Lstm : RecurrentCell.Simple,
                        Constructor(attribute, 0),
                        Named<bool>(attribute, "ReturnSequences"),
                        Named<bool>(attribute, "Stateful"),
                        ArgumentLocation(syntax, 0, location)));
                    break;
                case "DenseAttribute":
                    layers.Add(new DenseSpec(
                        layers.Count + 1,
                        Named<string>(attribute, "Name"),
                        location,
                        Constructor(attribute, 0),
                        (Activation)Named<int>(attribute, "Activation"),
                        ArgumentLocation(syntax, 0, location)));
                    break;
                case "Conv2DAttribute":
                    layers.Add(new Conv2DSpec(
                        layers.Count + 1,
                        Named<string>(attribute, "Name"),
                        location,
                        Constructor(attribute, 0),
                        Constructor(attribute, 1),
                        Named<int?>(attribute, "Stride") ?? 1,
                        (Padding)Named<int>(attribute, "Padding"),
                        (Activation)Named<int>(attribute, "Activation"),
                        ArgumentLocation(syntax, 0, location),
                        ArgumentLocation(syntax, 1, location)));
                    break;
                case "MaxPool2DAttribute":
                case "AvgPool2DAttribute":
                    int size = Constructor(attribute, 0), stride = Named<int>(attribute, "Stride");
                    layers.Add(new Pool2DSpec(
                        layers.Count + 1,
                        Named<string>(attribute, "Name"),
                        location,
                        type.Name == "MaxPool2DAttribute" ? Pooling.Max : Pooling.Average,
                        size,
                        stride == 0 ? size : stride,
                        ArgumentLocation(syntax, 0, location)));
                    break;
                case "LayerNormAttribute":
                    layers.Add(new LayerNormSpec(layers.Count + 1, Named<string>(attribute, "Name"), location));
                    break;
                case "PositionalEncodingAttribute":
                    layers.Add(new PositionalEncodingSpec(
                        layers.Count + 1,
                        Named<string>(attribute, "Name"),
                        location,
                        Named<bool>(attribute, "Learned"),
                        Named<int>(attribute, "MaxLength"),
                        NamedArgumentLocation(syntax, "MaxLength", location)));
                    break;
                case "MultiHeadSelfAttentionAttribute":
                    layers.Add(new AttentionSpec(
                        layers.Count + 1,
                        Named<string>(attribute, "Name"),
                        location,
                        Constructor(attribute, 0),
                        Named<bool>(attribute, "Causal"),
                        ArgumentLocation(syntax, 0, location),
                        Named<int>(attribute, "ModelDimension"),
                        NamedArgumentLocation(syntax, "ModelDimension", location)));
                    break;
                case "TransformerBlockAttribute":
                    layers.Add(new TransformerBlockSpec(
                        layers.Count + 1,
                        Named<string>(attribute, "Name"),
                        location,
                        Constructor(attribute, 0),
                        Named<int>(attribute, "FeedForward"),
                        (Activation)(Named<int?>(attribute, "Activation") ?? (int)Activation.ReLU),
                        Named<bool>(attribute, "Causal"),
                        ArgumentLocation(syntax, 0, location),
                        Named<int>(attribute, "ModelDimension"),
                        NamedArgumentLocation(syntax, "ModelDimension", location)));
                    break;
                case "FlattenAttribute":
                    layers.Add(new FlattenSpec(layers.Count + 1, Named<string>(attribute, "Name"), location));
                    break;
                case "DropoutAttribute":
                    layers.Add(new DropoutSpec(
                        layers.Count + 1,
                        Named<string>(attribute, "Name"),
                        location,
                        attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is double rate ? rate : double.NaN,
                        ArgumentLocation(syntax, 0, location)));
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
        return !(name.EndsWith("Network") || name.EndsWith("NetworkAttribute"));
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

    private static int Constructor(AttributeData attribute, int index) =>
        attribute.ConstructorArguments.Length > index && attribute.ConstructorArguments[index].Value is int value ? value : 0;

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
