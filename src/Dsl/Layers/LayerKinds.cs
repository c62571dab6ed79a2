using System.Collections.Generic;
using System.Linq;

namespace DslNet.Model;

/// <summary>
/// Every layer kind's declaration syntax, in the order .dnn messages list the statements. A new kind is a folder under
/// <c>src/Dsl/Layers</c> (attribute, spec with its shape rule, declaration) and one under <c>src/Generator/Layers</c>
/// (emitter), plus a line here and one in the generator's <c>LayerEmitters</c>.
/// </summary>
internal static class LayerKinds
{
    public static readonly IReadOnlyList<LayerSyntax> All =
    [
        DenseDeclaration.Syntax,
        Conv2DDeclaration.Syntax,
        Pool2DDeclaration.Max,
        Pool2DDeclaration.Average,
        GlobalAveragePool2DDeclaration.Syntax,
        Upsample2DDeclaration.Syntax,
        ConvTranspose2DDeclaration.Syntax,
        FlattenDeclaration.Syntax,
        DropoutDeclaration.Syntax,
        EmbeddingDeclaration.Syntax,
        RecurrentDeclaration.Lstm,
        RecurrentDeclaration.Gru,
        RecurrentDeclaration.SimpleRnn,
        LayerNormDeclaration.Syntax,
        BatchNormDeclaration.Syntax,
        PositionalEncodingDeclaration.Syntax,
        AttentionDeclaration.Syntax,
        TransformerBlockDeclaration.Syntax,
        AddDeclaration.Syntax,
        ConcatenateDeclaration.Syntax,
    ];

    private static readonly Dictionary<string, LayerSyntax> ByAttribute = All.ToDictionary(s => s.Attribute);

    private static readonly Dictionary<string, LayerSyntax> ByKeyword = All.SelectMany(s => s.Keywords, (s, k) => (s, k)).ToDictionary(p => p.k, p => p.s);

    /// <summary>The kind an attribute type (<c>DenseAttribute</c>) declares, or null for one that is not a layer.</summary>
    public static LayerSyntax? ForAttribute(string attributeTypeName) => ByAttribute.TryGetValue(attributeTypeName, out var syntax) ? syntax : null;

    /// <summary>The kind a lower-case .dnn statement keyword declares, or null.</summary>
    public static LayerSyntax? ForKeyword(string keyword) => ByKeyword.TryGetValue(keyword, out var syntax) ? syntax : null;
}
