using System;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// A BatchNorm folded into the inference pass of the Dense or Conv2D layer before it (the producer), as PyTorch's
/// <c>fuse_conv_bn_eval</c> and ONNX Runtime's graph optimiser do: when the producer has no activation of its own and
/// the BatchNorm alone reads its output, every inference call first computes per channel
/// scale = γ/√(running variance + ε) and shift = scale·(b − running mean) + β from the parameters as they are then
/// (<c>BatchNormalization.Fold</c>, C of each), and the producer's kernel writes scale·(W·x) + shift and the BatchNorm's
/// activation in the same pass: the producer's own output is not written and the BatchNorm makes no pass of its own.
/// Nothing derived from the parameters outlives the call, so an optimiser step, an edit of <c>Parameters</c>, a load,
/// <c>InitializeParameters</c> or a training forward that moves the running statistics is seen by the next inference.
/// Training runs both layers as declared (backward needs the batch statistics and the producer's output).
/// </summary>
internal sealed class BatchNormFold
{
    private readonly LayerEmitter _producer;

    private BatchNormFold(LayerEmitter producer, BatchNormEmitter norm)
    {
        _producer = producer;
        Norm = norm;
    }

    /// <summary>The fold of <paramref name="next"/> into <paramref name="producer"/>, or null when it is no BatchNorm or the producer has an activation of its own.</summary>
    public static BatchNormFold? Of(LayerEmitter producer, LayerEmitter next) =>
        next is BatchNormEmitter norm && producer.Activation == Activation.Linear ? new BatchNormFold(producer, norm) : null;

    public BatchNormEmitter Norm { get; }

    /// <summary>The BatchNorm's activation, which the folded pass applies.</summary>
    public Activation Activation => Norm.Activation;

    /// <summary>The producer's field of [scale × channels, shift × channels], rewritten by every inference call (the runtime's folded passes compute it).</summary>
    public string Field => _producer.Names.Field("Fold");

    public void EmitField(CodeWriter w) =>
        w.Line($"private readonly float[] {Field} = new float[{2 * Norm.Channels}]; // {Norm.Names.Name} folded into {_producer.Names.Name} at inference: its scales, then its shifts, rewritten by every call");

    /// <summary>
    /// Forward for a producer that takes nothing after the BatchNorm: training runs the producer
    /// (<paramref name="producerForward"/>, into <paramref name="producerOutput"/>) and the BatchNorm as declared;
    /// inference <paramref name="foldedCall"/>, the producer's folded pass from <paramref name="input"/> into <paramref name="normOutput"/>
    /// (a call expression, without its semicolon).
    /// </summary>
    public void EmitForwardCall(CodeWriter w, string input, string producerOutput, string normOutput, Action<CodeWriter> producerForward, string foldedCall)
    {
        using (w.Block("if (training)"))
        {
            producerForward(w);
            Norm.EmitTrainingForwardCall(w, producerOutput, normOutput);
        }
        w.Line($"else {foldedCall}; // {_producer.Names.Name} and {Norm.Names.Name} in one pass");
    }
}
