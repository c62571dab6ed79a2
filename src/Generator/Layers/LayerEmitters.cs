using System;
using System.Collections.Generic;
using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// Which emitter writes each layer kind's code: one line per spec record. A new kind adds its line here and its syntax to
/// <c>LayerKinds</c> in src/Dsl.
/// </summary>
internal static class LayerEmitters
{
    private static readonly Dictionary<Type, Func<LayerShape, LayerEmitter>> ByKind = new()
    {
        [typeof(DenseSpec)] = shape => new DenseEmitter(shape),
        [typeof(Conv2DSpec)] = shape => new Conv2DEmitter(shape),
        [typeof(Pool2DSpec)] = shape => new Pool2DEmitter(shape),
        [typeof(GlobalAveragePool2DSpec)] = shape => new GlobalAveragePool2DEmitter(shape),
        [typeof(Upsample2DSpec)] = shape => new Upsample2DEmitter(shape),
        [typeof(ConvTranspose2DSpec)] = shape => new ConvTranspose2DEmitter(shape),
        [typeof(BatchNormSpec)] = shape => new BatchNormEmitter(shape),
        [typeof(FlattenSpec)] = shape => new FlattenEmitter(shape),
        [typeof(DropoutSpec)] = shape => new DropoutEmitter(shape),
        [typeof(EmbeddingSpec)] = shape => new EmbeddingEmitter(shape),
        [typeof(RecurrentSpec)] = shape => new RecurrentEmitter(shape),
        [typeof(LayerNormSpec)] = shape => new LayerNormEmitter(shape),
        [typeof(PositionalEncodingSpec)] = shape => new PositionalEncodingEmitter(shape),
        [typeof(AttentionSpec)] = shape => new AttentionEmitter(shape),
        [typeof(TransformerBlockSpec)] = shape => new TransformerBlockEmitter(shape),
        [typeof(AddSpec)] = shape => new AddEmitter(shape),
        [typeof(ConcatenateSpec)] = shape => new ConcatenateEmitter(shape),
    };

    /// <summary>The spec records that have an emitter.</summary>
    public static IEnumerable<Type> Kinds => ByKind.Keys;

    public static LayerEmitter For(LayerShape shape) =>
        ByKind.TryGetValue(shape.Layer.GetType(), out var create)
            ? create(shape)
            : throw new InvalidOperationException("No emitter for layer kind " + shape.Layer.Kind);
}
