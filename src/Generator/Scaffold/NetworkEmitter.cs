using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DslNet.Generator.Declaration;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// Writes a valid network's class: constants, the parameter layout, buffers, and Forward/Backward that
/// call each layer's generated methods in declaration order. Layer bodies come from the layer emitters;
/// this class owns what lies between layers: buffers, activation backward, and the order.
/// </summary>
internal static class NetworkEmitter
{
    /// <summary>
    /// What flows between two layers: the buffer forward writes and backward reads, and the buffer that
    /// receives dL/d(that tensor). The network's input is a boundary too, whose gradient is optional.
    /// </summary>
    private sealed record Boundary(string Forward, string Backward, string Gradient, bool IsNetworkInput, int Size, LayerEmitter? Producer, bool IsSequence)
    {
        /// <summary>The rows of this tensor in generated code: <c>batch</c>, or <c>rows</c> (batch × time steps) for a sequence.</summary>
        public string Rows => IsSequence ? "rows" : "batch";

        public string GradientSpan => IsNetworkInput ? Gradient : $"new global::System.Span<float>({Gradient}, 0, {Rows} * {Size})";

        public string OutputSpan => OutputSpanOf(Size.ToString(CultureInfo.InvariantCulture));

        /// <summary>The forward buffer's rows of <paramref name="floatsPerRow"/> (a number or a constant's name).</summary>
        public string OutputSpanOf(string floatsPerRow) => $"new global::System.ReadOnlySpan<float>({Forward}, 0, {Rows} * {floatsPerRow})";
    }

    public static string Emit(NetworkPlan plan)
    {
        var w = new CodeWriter();
        var target = plan.Declaration.Target;
        var layers = plan.Shapes.Layers.Select(LayerEmitter.For).ToList();
        var graph = new EmittedGraph(layers, plan.Shapes.Input!.Size);
        for (int i = 0; i + 1 < layers.Count; i++)
        {
            // A fused pass skips the outputs of all its layers but the last, so a layer joins only when the one before it
            // has it as its one reader.
            int next = i + 1;
            while (next < layers.Count && graph.OnlyReaderIsNext(next - 1) && layers[i].FuseWith(layers[next])) next++;
            i += layers[i].FusedFollowers;
        }
        var input = plan.Shapes.Input!;
        var boundaries = Boundaries(input, layers);
        string quoted = "\"" + target.Name + "\"";
        bool sequence = input.IsSequence;

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
            WriteSummary(w, plan, layers);
            using (w.Block($"partial class {target.Name} : global::DslNet.{(sequence ? "ISequenceNetwork" : "INetwork")}, {ArchitectureEmitter.Interface}, {GradientProgressInterface}"))
            {
                WriteConstants(w, input, plan.Shapes.Output, plan.Shapes.ParameterCount, layers);
                WriteFields(w, layers, sequence, graph);
                WriteConstructor(w, target.Name, sequence, layers);
                ReplicaMembers.Write(w, target.Name, sequence, layers);
                WriteInterfaceMembers(w, quoted, boundaries[boundaries.Count - 1], sequence);
                ArchitectureEmitter.Write(w, plan, layers);
                if (sequence) SequenceMembers.Write(w, quoted, plan.Shapes.Output, layers);
                WriteInitialization(w, layers);
                WriteForward(w, quoted, layers, boundaries, sequence);
                WriteBackward(w, quoted, layers, boundaries, sequence, graph);
                WriteCapacity(w, input, layers, sequence, graph);
                w.KernelShapes.Write(w);
            }
        }
        return w.ToString();
    }

    /// <summary>
    /// boundaries[0] is the network input and boundaries[i + 1] the output of layers[i] (the nodes of
    /// <see cref="DslNet.Checks.LayerGraph"/>); the last one is the network output. Views share their source's buffers.
    /// </summary>
    private static List<Boundary> Boundaries(Shape input, List<LayerEmitter> layers)
    {
        var boundaries = new List<Boundary> { new("input", "_input", "inputGradient", true, input.Size, null, input.IsSequence) };
        foreach (var layer in layers)
        {
            var source = boundaries[layer.Shape.Sources[0]];
            boundaries.Add(layer.IsView
                ? source with { Size = layer.Shape.Output.Size }
                : new Boundary(layer.Names.Output, layer.Names.Output, layer.Names.Gradient, false, layer.Shape.Output.Size, layer, layer.OutputIsSequence));
        }
        return boundaries;
    }

    /// <summary>The boundary layers[i] reads first (its only one, unless it merges several).</summary>
    private static Boundary InputOf(List<LayerEmitter> layers, List<Boundary> boundaries, int i) => boundaries[layers[i].Shape.Sources[0]];

    private static void WriteSummary(CodeWriter w, NetworkPlan plan, List<LayerEmitter> layers)
    {
        var rows = new List<string[]> { new[] { "layer", "kind", "input", "output", "activation", "parameters" } };
        rows.Add(new[] { "input", "Input", "", plan.Shapes.Input!.ToString(), "", "" });
        foreach (var layer in layers)
        {
            rows.Add(new[] { layer.Names.Name, layer.Shape.Layer.Kind, layer.Shape.Input.ToString(), layer.Shape.Output.ToString(), layer.Shape.Layer.DeclaredActivation?.ToString() ?? "", layer.Shape.ParameterCount.ToString() });
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

    private static void WriteConstants(CodeWriter w, Shape input, Shape output, int parameterCount, List<LayerEmitter> layers)
    {
        if (input.IsSequence)
        {
            w.Line("/// <summary>Floats in one time step of the input.</summary>");
            w.Line($"public const int StepInputSize = {input.Size};");
            w.Line(output.IsSequence ? "/// <summary>Floats in one time step of the output.</summary>" : "/// <summary>Floats in one output sample.</summary>");
            w.Line($"public const int StepOutputSize = {output.Size};");
        }
        else
        {
            w.Line("/// <summary>Floats in one input sample.</summary>");
            w.Line($"public const int InputSize = {input.Size};");
            w.Line("/// <summary>Floats in one output sample.</summary>");
            w.Line($"public const int OutputSize = {output.Size};");
        }
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
            foreach (var part in layer.Parameters)
            {
                w.Line($"private const int {layer.Names.Offset(part.Name)} = {offset}; // [{string.Join(", ", part.Shape)}]");
                string kind = part.IsState ? "State" : part.IsBias ? "Bias" : "Weight";
                slices.Add($"new(\"{layer.Names.Name}\", \"{part.Name}\", global::DslNet.ParameterKind.{kind}, {offset}, new[] {{ {string.Join(", ", part.Shape)} }}),");
                offset += (int)part.Length;
            }
        }
        // A lone target-typed new(...) would bind to the params array itself (CS8752), so one slice names its type.
        if (slices.Count == 1) slices[0] = "new global::DslNet.ParameterSlice" + slices[0].Substring("new".Length);
        w.Line();
        w.Line("private static readonly global::DslNet.ParameterLayout s_layout = new(" + (slices.Count == 0 ? ");" : string.Empty));
        for (int i = 0; i < slices.Count; i++)
        {
            w.Line("    " + (i == slices.Count - 1 ? slices[i].TrimEnd(',') + ");" : slices[i]));
        }
        w.Line();
    }

    private const string GradientProgressInterface = "global::DslNet.CompilerServices.IReportsGradientProgress";

    private static void WriteFields(CodeWriter w, List<LayerEmitter> layers, bool sequence, EmittedGraph graph)
    {
        w.Line("// Shared with replicas (CreateReplica): every other field is the instance's own.");
        w.Line("private readonly float[] _parameters;");
        w.Line("private readonly float[] _gradients = global::DslNet.CompilerServices.AlignedFloats.Allocate(ParameterCount);");
        foreach (var layer in layers) layer.EmitFields(w);
        w.Line("// Batch-sized buffers, [capacity, size]; grown by EnsureCapacity, never in a step.");
        w.Line("private int _capacity;");
        if (sequence)
        {
            w.Line("// Sequence buffers hold [capacity, time capacity, size]; _timeSteps is the T of every sample now.");
            w.Line("private int _timeCapacity;");
            w.Line("private int _timeSteps;");
            w.Line("// Each sample's own length in the last Forward, [capacity].");
            w.Line("private int[] _lengths;");
        }
        w.Line("private float[] _input;");
        foreach (var layer in layers.Where(l => !l.IsView))
        {
            w.Line($"private float[] {layer.Names.Output};");
            w.Line($"private float[] {layer.Names.Gradient};");
        }
        if (graph.ScratchSize > 0)
        {
            w.Line("// A reader's share of the gradient of a tensor several layers read, before it is added to the others'.");
            w.Line("private float[] _gradientShare;");
        }
        w.Line("// The batch of the last training Forward, or -1: Backward needs one.");
        w.Line("private int _trainingBatch = -1;");
        BusyGuard.WriteField(w);
        w.Line("// Told when each layer's parameter gradients are final (a distributed trainer starts sending them).");
        w.Line("private global::DslNet.CompilerServices.IGradientProgress _gradientProgress;");
        w.Line($"global::DslNet.CompilerServices.IGradientProgress {GradientProgressInterface}.GradientProgress {{ get => _gradientProgress; set => _gradientProgress = value; }}");
        w.Line();
    }

    private static void WriteConstructor(CodeWriter w, string name, bool sequence, List<LayerEmitter> layers)
    {
        const string parameters = "global::DslNet.CompilerServices.AlignedFloats.Allocate(ParameterCount)";
        if (sequence)
        {
            w.Line("/// <summary>Creates the network for sequences of <paramref name=\"timeSteps\"/> steps, with parameters drawn from <paramref name=\"seed\"/> and buffers for <paramref name=\"batchCapacity\"/> samples (grown on demand).</summary>");
            using (w.Block($"public {name}(int timeSteps, int seed = 0, int batchCapacity = 32) : this({parameters}, batchCapacity, timeSteps)"))
            {
                w.Line("InitializeParameters(seed);");
            }
            w.Line();
            WriteCoreConstructorComment(w);
            using (w.Block($"private {name}(float[] parameters, int batchCapacity, int timeSteps)"))
            {
                w.Line($"global::DslNet.CompilerServices.NetworkArguments.CheckBatch(batchCapacity, \"{name}\");");
                w.Line($"global::DslNet.CompilerServices.NetworkArguments.CheckTimeSteps(timeSteps, \"{name}\");");
                foreach (var layer in layers) layer.EmitTimeStepsCheck(w, "timeSteps", $"\"{name}\"");
                w.Line("_parameters = parameters;");
                w.Line("_timeSteps = timeSteps;");
                w.Line("EnsureCapacity(batchCapacity, timeSteps);");
            }
            w.Line();
            return;
        }
        w.Line("/// <summary>Creates the network with parameters drawn from <paramref name=\"seed\"/> and buffers for <paramref name=\"batchCapacity\"/> samples (grown on demand).</summary>");
        using (w.Block($"public {name}(int seed = 0, int batchCapacity = 32) : this({parameters}, batchCapacity)"))
        {
            w.Line("InitializeParameters(seed);");
        }
        w.Line();
        WriteCoreConstructorComment(w);
        using (w.Block($"private {name}(float[] parameters, int batchCapacity)"))
        {
            w.Line($"global::DslNet.CompilerServices.NetworkArguments.CheckBatch(batchCapacity, \"{name}\");");
            w.Line("_parameters = parameters;");
            w.Line("EnsureCapacity(batchCapacity);");
        }
        w.Line();
    }

    // The compiler copies the field initializers into every constructor that calls no other: with one such constructor
    // they are compiled once, not once for the network and again for its replicas.
    private static void WriteCoreConstructorComment(CodeWriter w) =>
        w.Line("// Every constructor runs this one, which alone holds the field initializers: the parameters (new, or a replica's shared ones) and the buffers.");

    private static void WriteInterfaceMembers(CodeWriter w, string quoted, Boundary output, bool sequence)
    {
        if (!sequence)
        {
            w.Line("int global::DslNet.INetwork.InputSize => InputSize;");
            w.Line("int global::DslNet.INetwork.OutputSize => OutputSize;");
        }
        w.Line("int global::DslNet.INetwork.ParameterCount => ParameterCount;");
        w.Line($"public global::DslNet.Activation OutputActivation => global::DslNet.Activation.{output.Producer?.Activation ?? Activation.Linear};");
        w.Line("public global::System.Span<float> Parameters => _parameters;");
        w.Line("public global::System.Span<float> Gradients => _gradients;");
        w.Line("public global::DslNet.ParameterLayout Layout => s_layout;");
        using (w.Block("public void ZeroGradients()"))
        using (BusyGuard.Open(w, quoted))
        {
            w.Line("global::System.Array.Clear(_gradients);");
        }
        w.Line();
    }

    private static void WriteInitialization(CodeWriter w, List<LayerEmitter> layers)
    {
        w.Line("/// <summary>He-normal weights for ReLU layers, Glorot-uniform for the others, zero biases; the same seed gives the same values.</summary>");
        using (w.Block("public void InitializeParameters(int seed)"))
        {
            w.Line("var random = new global::DslNet.FastRandom(seed);");
            foreach (var layer in layers) layer.EmitInitialization(w);
        }
        w.Line();
    }

    private static void WriteForward(CodeWriter w, string quoted, List<LayerEmitter> layers, List<Boundary> boundaries, bool sequence)
    {
        if (sequence)
        {
            w.Line("/// <summary>input [batch, TimeSteps, StepInputSize] → output, every sequence full length; with <paramref name=\"training\"/> it keeps what Backward needs.</summary>");
            w.Line("public void Forward(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int batch, bool training = false) =>");
            w.Line("    Forward(input, output, batch, global::System.ReadOnlySpan<int>.Empty, training);");
            w.Line();
            w.Line("/// <summary>input [batch, TimeSteps, StepInputSize] → output, sequence b being <paramref name=\"lengths\"/>[b] steps long (empty: all full).</summary>");
        }
        else
        {
            w.Line("/// <summary>input [batch, InputSize] → output [batch, OutputSize]; with <paramref name=\"training\"/> it keeps what Backward needs.</summary>");
        }
        using (w.Block(sequence
            ? "public void Forward(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int batch, global::System.ReadOnlySpan<int> lengths, bool training = false)"
            : "public void Forward(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int batch, bool training = false)"))
        using (BusyGuard.Open(w, quoted))
        {
            w.Line($"global::DslNet.CompilerServices.NetworkArguments.CheckBatch(batch, {quoted});");
            w.Line($"global::DslNet.CompilerServices.NetworkArguments.CheckLength(input.Length, batch, InputSize, nameof(input), {quoted});");
            w.Line($"global::DslNet.CompilerServices.NetworkArguments.CheckLength(output.Length, batch, OutputSize, nameof(output), {quoted});");
            if (sequence)
            {
                w.Line($"global::DslNet.CompilerServices.NetworkArguments.CheckLengths(lengths, batch, _timeSteps, {quoted});");
                w.Line("int timeSteps = _timeSteps;");
                w.Line("EnsureCapacity(batch, timeSteps);");
                w.Line("int rows = batch * timeSteps;");
                w.Line("if (lengths.IsEmpty) new global::System.Span<int>(_lengths, 0, batch).Fill(timeSteps);");
                w.Line("else lengths.CopyTo(_lengths);");
            }
            else
            {
                w.Line("EnsureCapacity(batch);");
            }
            w.Line("_trainingBatch = -1;");
            w.Line("if (training) input.CopyTo(_input);");
            for (int i = 0; i < layers.Count; i++)
            {
                if (layers[i].FusedFollowers is int followers and > 0)
                {
                    var outputs = Enumerable.Range(i + 1, followers + 1).Select(node => boundaries[node].Forward).ToList();
                    layers[i].EmitFusedForwardCall(w, InputOf(layers, boundaries, i).Forward, outputs);
                    i += followers;
                }
                else if (layers[i].Shape.Sources.Count > 1)
                {
                    layers[i].EmitForwardCall(w, layers[i].Shape.Sources.Select(node => boundaries[node].Forward).ToList(), boundaries[i + 1].Forward);
                }
                else if (!layers[i].IsView) layers[i].EmitForwardCall(w, InputOf(layers, boundaries, i).Forward, boundaries[i + 1].Forward);
            }
            var last = boundaries[boundaries.Count - 1];
            if (ClearsPastLengths(last, sequence) && !last.IsNetworkInput)
            {
                w.Line($"global::DslNet.CompilerServices.SequencePadding.ZeroPastLengths({last.Forward}, _lengths, batch, timeSteps, {last.Size}); // steps past a length are zero, whatever the layer computed there");
            }
            w.Line(last.IsNetworkInput ? "input.CopyTo(output);"
                : sequence ? $"{last.OutputSpan}.CopyTo(output);"
                : $"{last.OutputSpanOf("OutputSize")}.CopyTo(output);");
            if (ClearsPastLengths(last, sequence) && last.IsNetworkInput)
            {
                w.Line($"global::DslNet.CompilerServices.SequencePadding.ZeroPastLengths(output, _lengths, batch, timeSteps, {last.Size});");
            }
            w.Line("if (training) _trainingBatch = batch;");
        }
        w.Line();
    }

    /// <summary>
    /// Whether Forward clears the output's steps past each length and Backward drops their gradient: a sequence output,
    /// unless a recurrent layer produces it (it writes zeros there and ignores their gradient itself).
    /// </summary>
    private static bool ClearsPastLengths(Boundary output, bool sequence) =>
        sequence && output.IsSequence && output.Producer is not { ZeroesPastLengths: true };

    private static void WriteBackward(CodeWriter w, string quoted, List<LayerEmitter> layers, List<Boundary> boundaries, bool sequence, EmittedGraph graph)
    {
        var last = boundaries[boundaries.Count - 1];
        var activation = last.Producer?.Activation ?? Activation.Linear;
        w.Line("/// <summary>Adds dLoss/dParameters to Gradients from dLoss/dOutput [batch, OutputSize]; writes dLoss/dInput unless <paramref name=\"inputGradient\"/> is empty.</summary>");
        bool masked = ClearsPastLengths(last, sequence) && !last.IsNetworkInput;
        using (w.Block("public void Backward(global::System.ReadOnlySpan<float> outputGradient, global::System.Span<float> inputGradient, int batch)"))
        using (BusyGuard.Open(w, quoted))
        {
            WriteBackwardChecks(w, quoted, "outputGradient");
            if (activation == Activation.Linear)
            {
                w.Line($"BackwardLayers({(masked ? MaskedGradient(last, "outputGradient") : "outputGradient")}, inputGradient, batch);");
            }
            else
            {
                string rowSize = sequence ? last.Size.ToString() : "OutputSize";
                string size = sequence ? "outputGradient.Length" : "batch * OutputSize";
                w.Line($"// Through the output activation: dL/dz = {activation}'(z) · dL/dy.");
                w.Line($"global::DslNet.CompilerServices.ActivationBackward.{activation}(new global::System.ReadOnlySpan<float>({last.Forward}, 0, {size}), outputGradient, new global::System.Span<float>({last.Gradient}, 0, {size}){(activation == Activation.Softmax ? ", " + rowSize : string.Empty)});");
                if (masked)
                {
                    w.Line($"global::DslNet.CompilerServices.SequencePadding.ZeroPastLengths(new global::System.Span<float>({last.Gradient}, 0, {size}), _lengths, batch, _timeSteps, {last.Size}); // the outputs past a length are constant");
                }
                w.Line($"BackwardLayers(new global::System.Span<float>({last.Gradient}, 0, {size}), inputGradient, batch);");
            }
        }
        w.Line();
        w.Line("/// <summary>As Backward, from dLoss/dz of the last layer (before its activation): the fused softmax or sigmoid cross-entropy gradient p − y.</summary>");
        using (w.Block("public void BackwardFromPreActivation(global::System.ReadOnlySpan<float> preActivationGradient, global::System.Span<float> inputGradient, int batch)"))
        using (BusyGuard.Open(w, quoted))
        {
            WriteBackwardChecks(w, quoted, "preActivationGradient");
            w.Line($"BackwardLayers({(masked ? MaskedGradient(last, "preActivationGradient") : "preActivationGradient")}, inputGradient, batch);");
        }
        w.Line();
        w.Line("/// <summary>The layers in reverse order, from dL/dz of the last layer.</summary>");
        using (w.Block("private void BackwardLayers(global::System.ReadOnlySpan<float> delta, global::System.Span<float> inputGradient, int batch)"))
        {
            if (sequence)
            {
                w.Line("int timeSteps = _timeSteps;");
                w.Line("int rows = batch * timeSteps;");
            }
            if (last.IsNetworkInput) w.Line("if (!inputGradient.IsEmpty) delta.CopyTo(inputGradient);");
            // Tensors whose gradient is another layer's, unchanged (an Add's input that only the Add reads): no copy.
            var sharedGradients = new Dictionary<int, string>();
            for (int i = layers.Count - 1; i >= 0; i--)
            {
                var layer = layers[i];
                if (layer.IsView || !graph.IsLive(i)) continue;
                // The layer that makes the network's output gets the caller's dL/dz; any other its own buffer's sum.
                string deltaExpression = ReferenceEquals(layer, last.Producer) ? "delta"
                    : sharedGradients.TryGetValue(i + 1, out var shared) ? shared
                    : boundaries[i + 1].GradientSpan;
                w.Line(layer.Header);
                layer.EmitParameterGradientsCall(w, InputOf(layers, boundaries, i).Backward, deltaExpression);
                if (layer.Parameters.Count > 0) w.Line($"_gradientProgress?.GradientsFinalFrom({layer.Names.Offset(layer.Parameters[0].Name)});");
                var sources = layer.Shape.Sources;
                for (int k = 0; k < sources.Count; k++)
                {
                    var below = boundaries[sources[k]];
                    bool accumulate = graph.Accumulates(i, k);
                    string scratch = $"new global::System.Span<float>(_gradientShare, 0, {below.Rows} * {below.Size})";
                    if (below.IsNetworkInput)
                    {
                        w.Line("if (!inputGradient.IsEmpty)");
                        using (w.Block(string.Empty)) layer.EmitInputGradientCall(w, k, below.Backward, deltaExpression, "inputGradient", "inputGradient", accumulate, scratch);
                        continue;
                    }
                    if (CanShareGradient(layers, layer, sources[k], graph.HasOneReader(i, k)))
                    {
                        sharedGradients[sources[k]] = deltaExpression;
                        w.Line($"// {below.Producer!.Names.Name} reads {layer.Names.Name}'s gradient as its own: dL/dx = dL/dz, no copy");
                        continue;
                    }
                    var belowActivation = below.Producer!.Activation;
                    // ReLU then max pooling: each pooled value is the ReLU output its gradient goes to, so masking the
                    // pooled gradient by (pooled > 0) is the same as masking the whole feature map, on a quarter of it.
                    bool maskAbove = belowActivation == Activation.ReLU && layer.PassesOneInput && deltaExpression != "delta" && graph.HasOneReader(i, k);
                    if (maskAbove)
                    {
                        w.Line($"global::DslNet.CompilerServices.ActivationBackward.ReLU({boundaries[i + 1].OutputSpan}, {deltaExpression}, {deltaExpression}); // {below.Producer.Names.Name}'s ReLU, on the pooled values");
                    }
                    layer.EmitInputGradientCall(w, k, below.Backward, deltaExpression, below.Gradient, below.GradientSpan, accumulate, scratch);
                    if (belowActivation != Activation.Linear && !maskAbove && graph.IsLastContribution(i, k))
                    {
                        w.Line($"global::DslNet.CompilerServices.ActivationBackward.{belowActivation}({below.OutputSpan}, {below.GradientSpan}, {below.GradientSpan});");
                    }
                }
            }
        }
        w.Line();
    }

    /// <summary>
    /// Whether the tensor <paramref name="node"/> can take <paramref name="reader"/>'s dL/dz as its gradient, unchanged and
    /// uncopied: the reader passes it on as it is (Add), it is the tensor's only reader, and the tensor's layer neither
    /// applies an activation backward nor masks its own delta in place, which would change the shared values.
    /// </summary>
    private static bool CanShareGradient(List<LayerEmitter> layers, LayerEmitter reader, int node, bool onlyReader)
    {
        if (!reader.PassesGradientUnchanged || !onlyReader || node == 0) return false;
        var producer = layers[node - 1];
        return !producer.IsView && producer.Activation == Activation.Linear && !producer.PassesOneInput;
    }

    /// <summary>The caller's gradient, or when a sequence is short a copy in the last layer's gradient buffer without the steps past its length.</summary>
    private static string MaskedGradient(Boundary output, string gradient) =>
        $"global::DslNet.CompilerServices.SequencePadding.MaskGradient({gradient}, {output.Gradient}, _lengths, batch, _timeSteps, {output.Size})";

    private static void WriteBackwardChecks(CodeWriter w, string quoted, string gradientName)
    {
        w.Line($"global::DslNet.CompilerServices.NetworkArguments.CheckBatch(batch, {quoted});");
        w.Line($"global::DslNet.CompilerServices.NetworkArguments.CheckBackwardBatch(batch, _trainingBatch, {quoted});");
        w.Line($"global::DslNet.CompilerServices.NetworkArguments.CheckLength({gradientName}.Length, batch, OutputSize, nameof({gradientName}), {quoted});");
        w.Line($"global::DslNet.CompilerServices.NetworkArguments.CheckOptionalLength(inputGradient.Length, batch, InputSize, nameof(inputGradient), {quoted});");
    }

    private static void WriteCapacity(CodeWriter w, Shape input, List<LayerEmitter> layers, bool sequence, EmittedGraph graph)
    {
        if (sequence)
        {
            w.Line("/// <summary>Grows the buffers to hold <paramref name=\"batch\"/> sequences of <paramref name=\"timeSteps\"/> steps; a no-op once they do.</summary>");
            using (w.Block("private void EnsureCapacity(int batch, int timeSteps)"))
            {
                w.Line("if (batch <= _capacity && timeSteps <= _timeCapacity) return;");
                w.Line("batch = global::System.Math.Max(batch, _capacity);");
                w.Line("timeSteps = global::System.Math.Max(timeSteps, _timeCapacity);");
                w.Line("int rows = checked(batch * timeSteps);");
                w.Line("global::System.Array.Resize(ref _lengths, batch);");
                WriteBuffers(w, input, layers);
                // Rows of a sequence (batch × time steps) outnumber a vector's (batch): the share fits either.
                if (graph.ScratchSize > 0) w.Line($"_gradientShare = global::DslNet.CompilerServices.AlignedFloats.Allocate(checked(rows * {graph.ScratchSize}));");
                w.Line("_capacity = batch;");
                w.Line("_timeCapacity = timeSteps;");
            }
            return;
        }
        w.Line("/// <summary>Grows the batch-sized buffers to hold <paramref name=\"batch\"/> samples; a no-op once they do.</summary>");
        using (w.Block("private void EnsureCapacity(int batch)"))
        {
            w.Line("if (batch <= _capacity) return;");
            WriteBuffers(w, input, layers);
            if (graph.ScratchSize > 0) w.Line($"_gradientShare = global::DslNet.CompilerServices.AlignedFloats.Allocate(checked(batch * {graph.ScratchSize}));");
            w.Line("_capacity = batch;");
        }
    }

    private static void WriteBuffers(CodeWriter w, Shape input, List<LayerEmitter> layers)
    {
        w.Line($"_input = global::DslNet.CompilerServices.AlignedFloats.Allocate(checked({(input.IsSequence ? "rows" : "batch")} * {input.Size}));");
        foreach (var layer in layers.Where(l => !l.IsView))
        {
            string rows = layer.OutputIsSequence ? "rows" : "batch";
            w.Line($"{layer.Names.Output} = global::DslNet.CompilerServices.AlignedFloats.Allocate(checked({rows} * {layer.Shape.Output.Size}));");
            w.Line($"{layer.Names.Gradient} = global::DslNet.CompilerServices.AlignedFloats.Allocate(checked({rows} * {layer.Shape.Output.Size}));");
            layer.EmitCapacity(w);
        }
    }
}
