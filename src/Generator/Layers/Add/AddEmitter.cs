using System.Collections.Generic;
using System.Linq;
using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// The element-wise sum of several tensors of one shape, then the declared activation: y = f(x₀ + x₁ + ...); for
/// sequences, every time step's row (the call passes batch × time steps rows). Backward
/// passes dL/dz unchanged to every input: an input only the Add reads, without an activation of its own, reads the
/// Add's gradient buffer directly; others get it copied (the first writer) or added. The network emitter applies f's
/// backward to the layer's own gradient first, as for any layer with an activation.
/// </summary>
internal sealed class AddEmitter : LayerEmitter
{
    private readonly AddSpec _add;

    public AddEmitter(LayerShape shape) : base(shape) => _add = (AddSpec)shape.Layer;

    private string Sum => string.Join(" + ", _add.Inputs.Select(i => i.Name));

    public override string Header => $"// {Names.Name}: Add {string.Join(" + ", Shape.Inputs)}→{Shape.Output}, {_add.Activation}: y = {Formula}";

    private string Formula => _add.Activation switch
    {
        Activation.ReLU => $"max(0, {Sum})",
        Activation.Linear => Sum,
        _ => $"{_add.Activation.ToString().ToLowerInvariant()}({Sum})",
    };

    public override LayerDescriptionText Description => new("AddDescription", ArchitectureEmitter.Activation(_add.Activation));

    public override bool AccumulatesInputGradient => true;

    public override bool PassesGradientUnchanged => true;

    /// <summary>
    /// The runtime's <c>AddLayer</c>: two inputs in one call; a third and later one added in its own call, the last
    /// call carrying the activation, so the sums run in the inputs' order.
    /// </summary>
    public override void EmitForwardCall(CodeWriter w, IReadOnlyList<string> inputs, string output)
    {
        int size = OutputSize;
        string ActivationAfter(int last) => ArchitectureEmitter.Activation(last == inputs.Count - 1 ? _add.Activation : Activation.Linear);
        w.Line($"global::DslNet.CompilerServices.AddLayer.Forward({inputs[0]}, {inputs[1]}, {output}, {Batch}, {size}, {ActivationAfter(1)}); // {Names.Name}");
        for (int k = 2; k < inputs.Count; k++) w.Line($"global::DslNet.CompilerServices.AddLayer.AddInput({inputs[k]}, {output}, {Batch}, {size}, {ActivationAfter(k)}); // {Names.Name}");
    }

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) =>
        w.Line($"{delta}.CopyTo({target}); // {Names.Name}: dL/dx = dL/dz");

    public override void EmitInputGradientCall(CodeWriter w, int source, string input, string delta, string target, string targetSpan, bool accumulate, string scratch)
    {
        if (accumulate) w.Line($"TensorPrimitives.Add({targetSpan}, {delta}, {targetSpan}); // {Names.Name}: dL/dx += dL/dz, beside the other readers'");
        else EmitInputGradientCall(w, input, delta, targetSpan);
    }
}
