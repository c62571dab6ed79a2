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

    public override void EmitForwardCall(CodeWriter w, IReadOnlyList<string> inputs, string output) =>
        w.Line($"{Names.Pascal}Forward({string.Join(", ", inputs)}, {output}, {Batch});");

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) => EmitInputGradientCall(w, 0, input, delta, target, target, false, target);

    public override void EmitInputGradientCall(CodeWriter w, int source, string input, string delta, string target, string targetSpan, bool accumulate, string scratch) =>
        w.Line($"{Names.Pascal}InputGradient({delta}, {(accumulate ? targetSpan : target)}, {Batch}, {Offset(source)}, {Shape.Inputs[source].Size}, {ArchitectureEmitter.Bool(accumulate)}); // {_concatenate.Inputs[source].Name}'s block");

    public override void EmitMethods(CodeWriter w)
    {
        int row = OutputSize;
        var parameters = Shape.Inputs.Select((_, k) => $"global::System.ReadOnlySpan<float> input{k}");
        w.Line($"/// <summary>{Names.Name} forward: each output row of {row} is the inputs' rows of {string.Join(", ", Shape.Inputs.Select(s => s.Size))} one after another.</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}Forward({string.Join(", ", parameters)}, global::System.Span<float> output, int batch)"))
        using (w.Block("for (int b = 0; b < batch; b++)"))
        {
            for (int k = 0; k < Shape.Inputs.Count; k++)
            {
                int size = Shape.Inputs[k].Size;
                w.Line($"input{k}.Slice(b * {size}, {size}).CopyTo(output.Slice(b * {row} + {Offset(k)}, {size}));");
            }
        }
        w.Line();
        w.Line($"/// <summary>{Names.Name}: dL/dx of one input, the block of <paramref name=\"size\"/> at <paramref name=\"offset\"/> of each row of dL/dy, copied or added.</summary>");
        using (w.LayerMethod($"private static void {Names.Pascal}InputGradient(global::System.ReadOnlySpan<float> delta, global::System.Span<float> target, int batch, int offset, int size, bool accumulate)"))
        using (w.Block("for (int b = 0; b < batch; b++)"))
        {
            w.Line($"var block = delta.Slice(b * {row} + offset, size);");
            w.Line("var rowGradient = target.Slice(b * size, size);");
            w.Line("if (accumulate) TensorPrimitives.Add(rowGradient, block, rowGradient);");
            w.Line("else block.CopyTo(rowGradient);");
        }
    }
}
