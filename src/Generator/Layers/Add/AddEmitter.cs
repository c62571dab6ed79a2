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

    public override void EmitForwardCall(CodeWriter w, IReadOnlyList<string> inputs, string output) =>
        w.Line($"{Names.Pascal}Forward({string.Join(", ", inputs)}, {output}, {Batch});");

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) =>
        w.Line($"{delta}.CopyTo({target}); // {Names.Name}: dL/dx = dL/dz");

    public override void EmitInputGradientCall(CodeWriter w, int source, string input, string delta, string target, string targetSpan, bool accumulate, string scratch)
    {
        if (accumulate) w.Line($"TensorPrimitives.Add({targetSpan}, {delta}, {targetSpan}); // {Names.Name}: dL/dx += dL/dz, beside the other readers'");
        else EmitInputGradientCall(w, input, delta, targetSpan);
    }

    public override void EmitMethods(CodeWriter w)
    {
        int size = OutputSize;
        var parameters = Shape.Inputs.Select((_, k) => $"global::System.ReadOnlySpan<float> input{k}");
        w.Line($"/// <summary>{Names.Name} forward: output = {Formula} over rows of {size}.</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}Forward({string.Join(", ", parameters)}, global::System.Span<float> output, int batch)"))
        {
            w.Line($"var all = output.Slice(0, batch * {size});");
            w.Line($"TensorPrimitives.Add(input0.Slice(0, batch * {size}), input1.Slice(0, batch * {size}), all);");
            for (int k = 2; k < Shape.Inputs.Count; k++) w.Line($"TensorPrimitives.Add(all, input{k}.Slice(0, batch * {size}), all);");
            ActivationForwardText.Emit(w, _add.Activation, "all", size);
        }
    }
}
