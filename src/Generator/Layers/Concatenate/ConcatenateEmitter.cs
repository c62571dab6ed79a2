using System.Collections.Generic;
using System.Linq;
using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// Tensors side by side along their first axis: per sample, each input's values are one contiguous block of the output
/// row (the channels of [C, H, W] maps in NCHW, the features of vectors), so forward copies blocks and backward copies
/// (or adds, for a tensor other layers also read) each input's block of dL/dy back. A sequence's rows are its time steps
/// (the calls pass batch × time steps), so sequences are joined step by step.
/// </summary>
internal sealed class ConcatenateEmitter : LayerEmitter
{
    private readonly ConcatenateSpec _concatenate;

    public ConcatenateEmitter(LayerShape shape) : base(shape) => _concatenate = (ConcatenateSpec)shape.Layer;

    public override string Header =>
        $"// {Names.Name}: Concatenate {string.Join(" ‖ ", Shape.Inputs)}→{Shape.Output}: y = [{string.Join(", ", _concatenate.Inputs.Select(i => i.Name))}] along the {(Shape.Output.Rank == 3 ? "channels" : "first axis")}{(Shape.Output.IsSequence ? " of every time step" : "")}";

    public override LayerDescriptionText Description => new("ConcatenateDescription");

    public override bool AccumulatesInputGradient => true;

    /// <summary>Where input <paramref name="k"/>'s block starts in an output row.</summary>
    private int Offset(int k) => Shape.Inputs.Take(k).Sum(s => s.Size);

    /// <summary>One call of the runtime's <c>ConcatenateLayer</c> per input, each writing its block of every output row.</summary>
    public override void EmitForwardCall(CodeWriter w, IReadOnlyList<string> inputs, string output)
    {
        for (int k = 0; k < inputs.Count; k++)
        {
            w.Line($"global::DslNet.CompilerServices.ConcatenateLayer.Forward({inputs[k]}, {output}, {Batch}, {OutputSize}, {Offset(k)}, {Shape.Inputs[k].Size}); // {Names.Name}: {_concatenate.Inputs[k].Name}'s block");
        }
    }

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) => EmitInputGradientCall(w, 0, input, delta, target, target, false, target);

    public override void EmitInputGradientCall(CodeWriter w, int source, string input, string delta, string target, string targetSpan, bool accumulate, string scratch) =>
        w.Line($"global::DslNet.CompilerServices.ConcatenateLayer.InputGradient({delta}, {(accumulate ? targetSpan : target)}, {Batch}, {OutputSize}, {Offset(source)}, {Shape.Inputs[source].Size}, {ArchitectureEmitter.Bool(accumulate)}); // {Names.Name}: {_concatenate.Inputs[source].Name}'s block");
}
