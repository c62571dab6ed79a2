using System.Collections.Generic;
using System.Linq;
using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// A pre-norm transformer block as one layer, unrolled from the emitters of its parts (each named after the block,
/// <c>block1Norm1</c>, ..., so its constants and buffers are its own), over [batch, time, d] rows:
///   forward   n₁ = LN₁(x), a = MHSA(n₁), h = x + a, n₂ = LN₂(h), f = act(n₂·W₁ + b₁), y = h + f·W₂ + b₂
///   backward  dh = dy + LN₂ᵀ(W₁ᵀ(act′ ⊙ W₂ᵀ dy)), dx = dh + LN₁ᵀ(MHSAᵀ dh), each part adding its parameter gradients
/// The parameter layout lists the parts under the block's name: norm1Gain, norm1Bias, attentionWeight, ...
/// </summary>
internal sealed class TransformerBlockEmitter : LayerEmitter
{
    private readonly TransformerBlockSpec _block;
    private readonly int _d, _f;
    private readonly LayerNormEmitter _norm1, _norm2;
    private readonly AttentionEmitter _attention;
    private readonly DenseEmitter _feedForward1, _feedForward2;
    private readonly LayerEmitter[] _parts;

    public TransformerBlockEmitter(LayerShape shape) : base(shape)
    {
        _block = (TransformerBlockSpec)shape.Layer;
        _d = shape.Input.Size;
        _f = _block.Width(_d);
        // The parts as shape inference made them (TransformerBlockSpec.Sublayers): LN₁, attention, LN₂, feed-forward 1 and 2.
        var parts = shape.Sublayers.Select(LayerEmitter.For).ToArray();
        _norm1 = (LayerNormEmitter)parts[0];
        _attention = (AttentionEmitter)parts[1];
        _norm2 = (LayerNormEmitter)parts[2];
        _feedForward1 = (DenseEmitter)parts[3];
        _feedForward2 = (DenseEmitter)parts[4];
        _parts = parts;
    }

    public override string Header =>
        $"// {Names.Name}: TransformerBlock {_block.Heads} heads{(_block.Causal ? ", causal" : "")}, feed-forward {_f} {_block.Activation}, {Shape.Input}: h = x + MHSA(LN(x)), y = h + FFN(LN(h))";

    public override LayerDescriptionText Description => new("TransformerBlockDescription", ArchitectureEmitter.Int(_block.Heads), ArchitectureEmitter.Int(_block.Width(Shape.Input.Size)), ArchitectureEmitter.Activation(_block.Activation), ArchitectureEmitter.Bool(_block.Causal), LayerNormEmitter.Epsilon);

    /// <summary>
    /// The parts' activation and gradient buffers the block uses, with their floats per row. FeedForward2 writes the block's
    /// output and reads its gradient, and the attention's output gradient is dh, so those three have no buffers of their own.
    /// </summary>
    private (string Field, int Size)[] PartBuffers =>
    [
        (_norm1.Names.Output, _d), (_norm1.Names.Gradient, _d), (_attention.Names.Output, _d),
        (_norm2.Names.Output, _d), (_norm2.Names.Gradient, _d), (_feedForward1.Names.Output, _f), (_feedForward1.Names.Gradient, _f),
    ];

    private string Hidden => Names.Field("Hidden");
    private string HiddenGradient => Names.Field("HiddenGradient");

    private static string Read(string buffer, string length) => $"((global::System.ReadOnlySpan<float>){buffer}).Slice(0, {length})";

    private static string Write(string buffer, string length) => $"((global::System.Span<float>){buffer}).Slice(0, {length})";

    public override void EmitFields(CodeWriter w)
    {
        foreach (var part in _parts) part.EmitFields(w);
        // Batch-sized, sized by EmitCapacity: the residual stream h, its gradient, and the parts' buffers.
        w.Line($"private float[] {Hidden};");
        w.Line($"private float[] {HiddenGradient};");
        foreach (var (field, _) in PartBuffers) w.Line($"private float[] {field};");
    }

    public override void EmitCapacity(CodeWriter w)
    {
        foreach (var (field, size) in PartBuffers) w.Line($"{field} = global::DslNet.CompilerServices.AlignedFloats.Allocate(checked(rows * {size}));");
        foreach (var part in _parts) part.EmitCapacity(w);
        w.Line($"{Hidden} = global::DslNet.CompilerServices.AlignedFloats.Allocate(checked(rows * {_d}));");
        w.Line($"{HiddenGradient} = global::DslNet.CompilerServices.AlignedFloats.Allocate(checked(rows * {_d}));");
    }

    public override void EmitInitialization(CodeWriter w)
    {
        foreach (var part in _parts) part.EmitInitialization(w);
    }

    public override void EmitForwardCall(CodeWriter w, string input, string output)
    {
        string all = $"rows * {_d}";
        w.Line($"// {Names.Name}: h = x + MHSA(LN₁(x)), y = h + FFN(LN₂(h))");
        _norm1.EmitForwardCall(w, input, _norm1.Names.Output);
        _attention.EmitForwardCall(w, _norm1.Names.Output, _attention.Names.Output);
        w.Line($"TensorPrimitives.Add({Read(input, all)}, {Read(_attention.Names.Output, all)}, {Write(Hidden, all)});");
        _norm2.EmitForwardCall(w, Hidden, _norm2.Names.Output);
        _feedForward1.EmitForwardCall(w, _norm2.Names.Output, _feedForward1.Names.Output);
        _feedForward2.EmitForwardCall(w, _feedForward1.Names.Output, output);
        w.Line($"TensorPrimitives.Add({Read(output, all)}, {Read(Hidden, all)}, {Write(output, all)});");
    }

    public override void EmitParameterGradientsCall(CodeWriter w, string input, string delta)
    {
        string all = $"rows * {_d}", wide = $"rows * {_f}";
        w.Line($"// {Names.Name}: back through the feed-forward branch, LN₂ and the first residual, then attention and LN₁'s parameters");
        _feedForward2.EmitParameterGradientsCall(w, _feedForward1.Names.Output, delta);
        _feedForward2.EmitInputGradientCall(w, _feedForward1.Names.Output, delta, _feedForward1.Names.Gradient);
        var activation = _block.Activation;
        if (activation != Activation.Linear)
        {
            string gradient = Write(_feedForward1.Names.Gradient, wide);
            w.Line($"global::DslNet.CompilerServices.ActivationBackward.{activation}({Read(_feedForward1.Names.Output, wide)}, {gradient}, {gradient}{(activation == Activation.Softmax ? ", " + _f : string.Empty)});");
        }
        _feedForward1.EmitParameterGradientsCall(w, _norm2.Names.Output, Read(_feedForward1.Names.Gradient, wide));
        _feedForward1.EmitInputGradientCall(w, _norm2.Names.Output, Read(_feedForward1.Names.Gradient, wide), _norm2.Names.Gradient);
        _norm2.EmitParameterGradientsCall(w, Hidden, Read(_norm2.Names.Gradient, all));
        _norm2.EmitInputGradientCall(w, Hidden, Read(_norm2.Names.Gradient, all), HiddenGradient);
        w.Line($"TensorPrimitives.Add({Read(HiddenGradient, all)}, {Read(delta, all)}, {Write(HiddenGradient, all)});");
        _attention.EmitParameterGradientsCall(w, _norm1.Names.Output, Read(HiddenGradient, all));
        _attention.EmitInputGradientCall(w, _norm1.Names.Output, Read(HiddenGradient, all), _norm1.Names.Gradient);
        _norm1.EmitParameterGradientsCall(w, input, Read(_norm1.Names.Gradient, all));
    }

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target)
    {
        string all = $"rows * {_d}";
        _norm1.EmitInputGradientCall(w, input, Read(_norm1.Names.Gradient, all), target);
        w.Line($"TensorPrimitives.Add({Read(target, all)}, {Read(HiddenGradient, all)}, {Write(target, all)}); // {Names.Name}: dx = dh + LN₁ᵀ(MHSAᵀ dh)");
    }
}
