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
                case nameof(EmbeddingAttribute):
                    layers.Add(new EmbeddingSpec(
                        layers.Count + 1,
                        Named<string>(attribute, nameof(EmbeddingAttribute.Name)),
                        location,
                        Constructor(attribute, 0),
                        Constructor(attribute, 1),
                        ArgumentLocation(syntax, 0, location),
                        ArgumentLocation(syntax, 1, location)));
                    break;
                case nameof(SimpleRnnAttribute):
                case nameof(LstmAttribute): // both name their properties alike
                    layers.Add(new RecurrentSpec(
                        layers.Count + 1,
                        Named<string>(attribute, nameof(LstmAttribute.Name)),
                        location,
                        type.Name == nameof(LstmAttribute) ? RecurrentCell.Lstm : RecurrentCell.Simple,
                        Constructor(attribute, 0),
                        Named<bool>(attribute, nameof(LstmAttribute.ReturnSequences)),
                        Named<bool>(attribute, nameof(LstmAttribute.Stateful)),
                        ArgumentLocation(syntax, 0, location)));
                    break;
                case nameof(DenseAttribute):
                    layers.Add(new DenseSpec(
                        layers.Count + 1,
                        Named<string>(attribute, nameof(DenseAttribute.Name)),
                        location,
                        Constructor(attribute, 0),
                        (Activation)Named<int>(attribute, nameof(DenseAttribute.Activation)),
                        ArgumentLocation(syntax, 0, location)));
                    break;
                case nameof(Conv2DAttribute):
                    layers.Add(new Conv2DSpec(
                        layers.Count + 1,
                        Named<string>(attribute, nameof(Conv2DAttribute.Name)),
                        location,
                        Constructor(attribute, 0),
                        Constructor(attribute, 1),
                        Named<int?>(attribute, nameof(Conv2DAttribute.Stride)) ?? 1,
                        (Padding)Named<int>(attribute, nameof(Conv2DAttribute.Padding)),
                        (Activation)Named<int>(attribute, nameof(Conv2DAttribute.Activation)),
                        ArgumentLocation(syntax, 0, location),
                        ArgumentLocation(syntax, 1, location)));
                    break;
                case nameof(MaxPool2DAttribute):
                case nameof(AvgPool2DAttribute): // both name their properties alike
                    int size = Constructor(attribute, 0), stride = Named<int>(attribute, nameof(AvgPool2DAttribute.Stride));
                    layers.Add(new Pool2DSpec(
                        layers.Count + 1,
                        Named<string>(attribute, nameof(AvgPool2DAttribute.Name)),
                        location,
                        type.Name == nameof(MaxPool2DAttribute) ? Pooling.Max : Pooling.Average,
                        size,
                        stride == 0 ? size : stride,
                        ArgumentLocation(syntax, 0, location)));
                    break;
                case nameof(LayerNormAttribute):
                    layers.Add(new LayerNormSpec(layers.Count + 1, Named<string>(attribute, nameof(LayerNormAttribute.Name)), location));
                    break;
                case nameof(PositionalEncodingAttribute):
                    layers.Add(new PositionalEncodingSpec(
                        layers.Count + 1,
                        Named<string>(attribute, nameof(PositionalEncodingAttribute.Name)),
                        location,
                        Named<bool>(attribute, nameof(PositionalEncodingAttribute.Learned)),
                        Named<int>(attribute, nameof(PositionalEncodingAttribute.MaxLength)),
                        NamedArgumentLocation(syntax, nameof(PositionalEncodingAttribute.MaxLength), location)));
                    break;
                case nameof(MultiHeadSelfAttentionAttribute):
                    layers.Add(new AttentionSpec(
                        layers.Count + 1,
                        Named<string>(attribute, nameof(MultiHeadSelfAttentionAttribute.Name)),
                        location,
                        Constructor(attribute, 0),
                        Named<bool>(attribute, nameof(MultiHeadSelfAttentionAttribute.Causal)),
                        ArgumentLocation(syntax, 0, location),
                        Named<int>(attribute, nameof(MultiHeadSelfAttentionAttribute.ModelDimension)),
                        NamedArgumentLocation(syntax, nameof(MultiHeadSelfAttentionAttribute.ModelDimension), location)));
                    break;
                case nameof(TransformerBlockAttribute):
                    layers.Add(new TransformerBlockSpec(
                        layers.Count + 1,
                        Named<string>(attribute, nameof(TransformerBlockAttribute.Name)),
                        location,
                        Constructor(attribute, 0),
                        Named<int>(attribute, nameof(TransformerBlockAttribute.FeedForward)),
                        (Activation)(Named<int?>(attribute, nameof(TransformerBlockAttribute.Activation)) ?? (int)Activation.ReLU),
                        Named<bool>(attribute, nameof(TransformerBlockAttribute.Causal)),
                        ArgumentLocation(syntax, 0, location),
                        Named<int>(attribute, nameof(TransformerBlockAttribute.ModelDimension)),
                        NamedArgumentLocation(syntax, nameof(TransformerBlockAttribute.ModelDimension), location)));
                    break;
                case nameof(FlattenAttribute):
                    layers.Add(new FlattenSpec(layers.Count + 1, Named<string>(attribute, nameof(FlattenAttribute.Name)), location));
                    break;
                case nameof(DropoutAttribute):
                    layers.Add(new DropoutSpec(
                        layers.Count + 1,
                        Named<string>(attribute, nameof(DropoutAttribute.Name)),
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
