using System.Collections.Generic;
using System.Linq;
using DslNet.Checks;
using DslNet.Generator.Declaration;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// Writes a valid network's class: constants, the parameter layout, buffers, and Forward/Backward that
/// call each layer's generated methods in declaration order. Layer bodies come from the layer emitters.
/// </summary>
internal static class NetworkEmitter
{
    public static string Emit(NetworkPlan plan)
    {
        var w = new CodeWriter();
        var target = plan.Declaration.Target;
        var layers = plan.Shapes.Layers;
        var input = plan.Shapes.Input!;
        var output = plan.Shapes.Output;
        var last = layers[layers.Count - 1];
        string quoted = "\"" + target.Name + "\"";

        TypeScaffold.WriteHeader(w);
        w.Line("using MemoryMarshal = global::System.Runtime.InteropServices.MemoryMarshal;");
        w.Line("using TensorPrimitives = global::System.Numerics.Tensors.TensorPrimitives;");
        w.Line("using Unsafe = global::System.Runtime.CompilerServices.Unsafe;");
        w.Line("using Vector128 = global::System.Runtime.Intrinsics.Vector128;");
        w.Line("using Vector256 = global::System.Runtime.Intrinsics.Vector256;");
        w.Line("using Vector512 = global::System.Runtime.Intrinsics.Vector512;");
        w.Line();
        using (TypeScaffold.Open(w, target))
        {
            WriteSummary(w, plan);
            using (w.Block($"partial class {target.Name} : global::DslNet.INetwork"))
            {
                WriteConstants(w, input, output, plan.Shapes.ParameterCount, layers);
                WriteFields(w, layers);
                WriteConstructor(w, target.Name, layers);
                WriteInterfaceMembers(w, last);
                WriteInitialization(w, layers);
                WriteForward(w, quoted, layers, last);
                WriteBackward(w, quoted, layers, last);
                WriteCapacity(w, input, layers);
                foreach (var layer in layers)
                {
                    w.Line();
                    w.Line(DenseEmitter.Header(layer));
                    w.Line();
                    DenseEmitter.EmitForward(w, layer);
                    w.Line();
                    DenseEmitter.EmitParameterGradients(w, layer);
                    w.Line();
                    DenseEmitter.EmitInputGradient(w, layer);
                }
            }
        }
        return w.ToString();
    }

    private static void WriteSummary(CodeWriter w, NetworkPlan plan)
    {
        var rows = new List<string[]> { new[] { "layer", "kind", "input", "output", "activation", "parameters" } };
        rows.Add(new[] { "input", "Input", "", plan.Shapes.Input!.ToString(), "", "" });
        foreach (var layer in plan.Shapes.Layers)
        {
            var dense = (DenseSpec)layer.Layer;
            rows.Add(new[] { layer.Layer.Name, layer.Layer.Kind, layer.Input.ToString(), layer.Output.ToString(), dense.Activation.ToString(), layer.ParameterCount.ToString() });
        }
        rows.Add(new[] { "total", "", "", "", "", plan.Shapes.ParameterCount.ToString() });
        var widths = Enumerable.Range(0, 6).Select(c => rows.Max(r => r[c].Length)).ToArray();

        w.Line("/// <summary>");
        w.Line($"/// The network declared on <see cref=\"{plan.Declaration.Target.Name}\"/>, compiled by DslNet: every size below is a literal in the code.");
        w.Line("/// </summary>");
        w.Line("/// <remarks>");
        w.Line("/// <code>");
        foreach (var row in rows)
        {
            w.Line("/// " + string.Join("  ", row.Select((cell, c) => c == 5 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
        }
        w.Line("/// </code>");
        w.Line("/// </remarks>");
    }

    private static void WriteConstants(CodeWriter w, Shape input, Shape output, int parameterCount, EquatableArray<LayerShape> layers)
    {
        w.Line("/// <summary>Floats in one input sample.</summary>");
        w.Line($"public const int InputSize = {input.Size};");
        w.Line("/// <summary>Floats in one output sample.</summary>");
        w.Line($"public const int OutputSize = {output.Size};");
        w.Line("/// <summary>Weights and biases in all layers.</summary>");
        w.Line($"public const int ParameterCount = {parameterCount};");
        w.Line($"/// <summary>One input sample: {input}.</summary>");
        w.Line($"public static global::System.ReadOnlySpan<int> InputShape => [{string.Join(", ", input.Dimensions)}];");
        w.Line($"/// <summary>One output sample: {output}.</summary>");
        w.Line($"public static global::System.ReadOnlySpan<int> OutputShape => [{string.Join(", ", output.Dimensions)}];");
        w.Line();
        int offset = 0;
        var slices = new List<string>();
        foreach (var layer in layers)
        {
            var names = new LayerNames(layer.Layer);
            int n = layer.Input.Size, m = layer.Output.Size;
            w.Line($"private const int {names.WeightOffset} = {offset}; // [{n}, {m}]");
            slices.Add($"new(\"{names.Name}\", \"weight\", global::DslNet.ParameterKind.Weight, {offset}, new[] {{ {n}, {m} }}),");
            offset += n * m;
            w.Line($"private const int {names.BiasOffset} = {offset}; // [{m}]");
            slices.Add($"new(\"{names.Name}\", \"bias\", global::DslNet.ParameterKind.Bias, {offset}, new[] {{ {m} }}),");
            offset += m;
        }
        w.Line();
        w.Line("private static readonly global::DslNet.ParameterLayout s_layout = new(");
        for (int i = 0; i < slices.Count; i++)
        {
            var slice = slices[i];
            w.Line("    " + (i == slices.Count - 1 ? slice.TrimEnd(',') + ");" : slice));
        }
        w.Line();
    }

    private static void WriteFields(CodeWriter w, EquatableArray<LayerShape> layers)
    {
        w.Line("private readonly float[] _parameters = new float[ParameterCount];");
        w.Line("private readonly float[] _gradients = new float[ParameterCount];");
        foreach (var layer in layers)
        {
            var names = new LayerNames(layer.Layer);
            w.Line($"private readonly float[] {names.WeightTransposed} = new float[{layer.Input.Size * layer.Output.Size}];");
        }
        w.Line("// Batch-sized buffers, [capacity, size]; grown by EnsureCapacity, never in a step.");
        w.Line("private int _capacity;");
        w.Line("private float[] _input = global::System.Array.Empty<float>();");
        foreach (var layer in layers)
        {
            var names = new LayerNames(layer.Layer);
            w.Line($"private float[] {names.Output} = global::System.Array.Empty<float>();");
            w.Line($"private float[] {names.Gradient} = global::System.Array.Empty<float>();");
        }
        w.Line("// The batch of the last training Forward, or -1: Backward needs one.");
        w.Line("private int _trainingBatch = -1;");
        w.Line();
    }

    private static void WriteConstructor(CodeWriter w, string name, EquatableArray<LayerShape> layers)
    {
        w.Line("/// <summary>Creates the network with parameters drawn from <paramref name=\"seed\"/> and buffers for <paramref name=\"batchCapacity\"/> samples (grown on demand).</summary>");
        using (w.Block($"public {name}(int seed = 0, int batchCapacity = 32)"))
        {
            w.Line($"global::DslNet.NetworkArguments.CheckBatch(batchCapacity, \"{name}\");");
            w.Line("EnsureCapacity(batchCapacity);");
            w.Line("InitializeParameters(seed);");
        }
        w.Line();
    }

    private static void WriteInterfaceMembers(CodeWriter w, LayerShape last)
    {
        w.Line("int global::DslNet.INetwork.InputSize => InputSize;");
        w.Line("int global::DslNet.INetwork.OutputSize => OutputSize;");
        w.Line("int global::DslNet.INetwork.ParameterCount => ParameterCount;");
        w.Line($"public global::DslNet.Activation OutputActivation => global::DslNet.Activation.{((DenseSpec)last.Layer).Activation};");
        w.Line("public global::System.Span<float> Parameters => _parameters;");
        w.Line("public global::System.Span<float> Gradients => _gradients;");
        w.Line("public global::DslNet.ParameterLayout Layout => s_layout;");
        w.Line("public void ZeroGradients() => global::System.Array.Clear(_gradients);");
        w.Line();
    }

    private static void WriteInitialization(CodeWriter w, EquatableArray<LayerShape> layers)
    {
        w.Line("/// <summary>He-normal weights for ReLU layers, Glorot-uniform for the others, zero biases; the same seed gives the same values.</summary>");
        using (w.Block("public void InitializeParameters(int seed)"))
        {
            w.Line("var random = new global::DslNet.FastRandom(seed);");
            foreach (var layer in layers) DenseEmitter.EmitInitialization(w, layer);
        }
        w.Line();
    }

    private static void WriteForward(CodeWriter w, string quoted, EquatableArray<LayerShape> layers, LayerShape last)
    {
        w.Line("/// <summary>input [batch, InputSize] → output [batch, OutputSize]; with <paramref name=\"training\"/> it keeps what Backward needs.</summary>");
        using (w.Block("public void Forward(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int batch, bool training = false)"))
        {
            w.Line($"global::DslNet.NetworkArguments.CheckBatch(batch, {quoted});");
            w.Line($"global::DslNet.NetworkArguments.CheckLength(input.Length, batch, InputSize, nameof(input), {quoted});");
            w.Line($"global::DslNet.NetworkArguments.CheckLength(output.Length, batch, OutputSize, nameof(output), {quoted});");
            w.Line("EnsureCapacity(batch);");
            w.Line("_trainingBatch = -1;");
            w.Line("if (training) input.CopyTo(_input);");
            string previous = "input";
            foreach (var layer in layers)
            {
                var names = new LayerNames(layer.Layer);
                w.Line($"{names.Pascal}Forward({previous}, {names.Output}, batch);");
                previous = names.Output;
            }
            w.Line($"new global::System.ReadOnlySpan<float>({new LayerNames(last.Layer).Output}, 0, batch * OutputSize).CopyTo(output);");
            w.Line("if (training) _trainingBatch = batch;");
        }
        w.Line();
    }

    private static void WriteBackward(CodeWriter w, string quoted, EquatableArray<LayerShape> layers, LayerShape last)
    {
        var lastNames = new LayerNames(last.Layer);
        var activation = ((DenseSpec)last.Layer).Activation;
        w.Line("/// <summary>Adds dLoss/dParameters to Gradients from dLoss/dOutput [batch, OutputSize]; writes dLoss/dInput unless <paramref name=\"inputGradient\"/> is empty.</summary>");
        using (w.Block("public void Backward(global::System.ReadOnlySpan<float> outputGradient, global::System.Span<float> inputGradient, int batch)"))
        {
            WriteBackwardChecks(w, quoted, "outputGradient");
            if (activation == Activation.Linear)
            {
                w.Line("BackwardLayers(outputGradient, inputGradient, batch);");
            }
            else
            {
                string size = "batch * OutputSize";
                w.Line($"// Through the output activation: dL/dz = {activation}'(z) · dL/dy.");
                w.Line($"global::DslNet.ActivationBackward.{activation}(new global::System.ReadOnlySpan<float>({lastNames.Output}, 0, {size}), outputGradient, new global::System.Span<float>({lastNames.Gradient}, 0, {size}){(activation == Activation.Softmax ? ", OutputSize" : string.Empty)});");
                w.Line($"BackwardLayers(new global::System.Span<float>({lastNames.Gradient}, 0, {size}), inputGradient, batch);");
            }
        }
        w.Line();
        w.Line("/// <summary>As Backward, from dLoss/dz of the last layer (before its activation): the fused softmax or sigmoid cross-entropy gradient p − y.</summary>");
        using (w.Block("public void BackwardFromPreActivation(global::System.ReadOnlySpan<float> preActivationGradient, global::System.Span<float> inputGradient, int batch)"))
        {
            WriteBackwardChecks(w, quoted, "preActivationGradient");
            w.Line("BackwardLayers(preActivationGradient, inputGradient, batch);");
        }
        w.Line();
        w.Line("/// <summary>The layers in reverse order, from dL/dz of the last layer.</summary>");
        using (w.Block("private void BackwardLayers(global::System.ReadOnlySpan<float> delta, global::System.Span<float> inputGradient, int batch)"))
        {
            string deltaExpression = "delta";
            for (int i = layers.Count - 1; i >= 0; i--)
            {
                var layer = layers[i];
                var names = new LayerNames(layer.Layer);
                string inputExpression = i == 0 ? "_input" : new LayerNames(layers[i - 1].Layer).Output;
                w.Line(DenseEmitter.Header(layer));
                w.Line($"{names.Pascal}ParameterGradients({inputExpression}, {deltaExpression}, batch);");
                if (i == 0)
                {
                    w.Line($"if (!inputGradient.IsEmpty) {names.Pascal}InputGradient({deltaExpression}, inputGradient, batch);");
                    break;
                }
                var below = layers[i - 1];
                var belowNames = new LayerNames(below.Layer);
                var belowActivation = ((DenseSpec)below.Layer).Activation;
                w.Line($"{names.Pascal}InputGradient({deltaExpression}, {belowNames.Gradient}, batch);");
                if (belowActivation != Activation.Linear)
                {
                    string span = $"new global::System.Span<float>({belowNames.Gradient}, 0, batch * {below.Output.Size})";
                    w.Line($"global::DslNet.ActivationBackward.{belowActivation}(new global::System.ReadOnlySpan<float>({belowNames.Output}, 0, batch * {below.Output.Size}), {span}, {span});");
                }
                deltaExpression = $"new global::System.Span<float>({belowNames.Gradient}, 0, batch * {below.Output.Size})";
            }
        }
        w.Line();
    }

    private static void WriteBackwardChecks(CodeWriter w, string quoted, string gradientName)
    {
        w.Line($"global::DslNet.NetworkArguments.CheckBatch(batch, {quoted});");
        w.Line($"global::DslNet.NetworkArguments.CheckBackwardBatch(batch, _trainingBatch, {quoted});");
        w.Line($"global::DslNet.NetworkArguments.CheckLength({gradientName}.Length, batch, OutputSize, nameof({gradientName}), {quoted});");
        w.Line($"global::DslNet.NetworkArguments.CheckOptionalLength(inputGradient.Length, batch, InputSize, nameof(inputGradient), {quoted});");
    }

    private static void WriteCapacity(CodeWriter w, Shape input, EquatableArray<LayerShape> layers)
    {
        w.Line("/// <summary>Grows the batch-sized buffers to hold <paramref name=\"batch\"/> samples; a no-op once they do.</summary>");
        using (w.Block("private void EnsureCapacity(int batch)"))
        {
            w.Line("if (batch <= _capacity) return;");
            w.Line($"_input = new float[batch * {input.Size}];");
            foreach (var layer in layers)
            {
                var names = new LayerNames(layer.Layer);
                w.Line($"{names.Output} = new float[batch * {layer.Output.Size}];");
                w.Line($"{names.Gradient} = new float[batch * {layer.Output.Size}];");
            }
            w.Line("_capacity = batch;");
        }
    }
}
