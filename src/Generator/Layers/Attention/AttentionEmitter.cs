using System.Collections.Generic;
using System.Globalization;
using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// Multi-head self-attention over [batch, time, d], rows r = b·T + t, H heads of e = d / H features:
///   forward   [Q K V] = X·W + b (one product, W [d, 3d]); for each sample, query step t &lt; length and head h,
///             p = softmax over keys u &lt; (causal ? t + 1 : length) of q_t·k_u / √e, c_t = Σ_u p_u v_u;
///             a query at or past its length gets c_t = 0; then Y = C·Wo + bo
///   backward  dWo += Cᵀ·dY, dbo += Σ dY, dC = dY·Woᵀ; per query the probabilities are recomputed (one row of T at a
///             time, never a [T, T] matrix), dp_u = dc_t·v_u, ds_u = p_u (dp_u − Σ p·dp) / √e, dq_t += Σ ds_u k_u,
///             dk_u += ds_u q_t, dv_u += p_u dc_t; then dW += Xᵀ·d[Q K V], db += Σ d[Q K V], dX = d[Q K V]·Wᵀ
/// Masked keys never enter the softmax, so padding changes neither outputs nor gradients of the steps before it.
/// </summary>
internal sealed class AttentionEmitter : LayerEmitter
{
    private readonly AttentionSpec _attention;
    private readonly int _d, _e, _heads;

    public AttentionEmitter(LayerShape shape) : base(shape)
    {
        _attention = (AttentionSpec)shape.Layer;
        _d = shape.Input.Size;
        _heads = _attention.Heads;
        _e = _d / _heads;
    }

    public override string Header =>
        $"// {Names.Name}: MultiHeadSelfAttention {_heads} heads of {_e}{(_attention.Causal ? ", causal" : "")}, {Shape.Input}: y = softmax(Q·Kᵀ/√{_e})·V·Wo + bo, [Q K V] = x·W + b";

    public override LayerDescriptionText Description => new("MultiHeadSelfAttentionDescription", ArchitectureEmitter.Int(_attention.Heads), ArchitectureEmitter.Bool(_attention.Causal));

    private string Projected => Names.Field("Projected");
    private string Context => Names.Field("Context");
    private string ProjectedGradient => Names.Field("ProjectedGradient");
    private string ContextGradient => Names.Field("ContextGradient");
    private string Row => Names.Field("Row");
    private string RowGradient => Names.Field("RowGradient");
    private string OutputTransposed => Names.Field("OutputWeightTransposed");
    private string Scale => ((float)(1 / System.Math.Sqrt(_e))).ToString("R", CultureInfo.InvariantCulture) + "f";

    public override void EmitFields(CodeWriter w)
    {
        w.Line($"private readonly float[] {Names.WeightTransposed} = global::DslNet.CompilerServices.AlignedFloats.Allocate({3 * _d * _d}); // {Names.Name}: Wᵀ, [{3 * _d}, {_d}]");
        w.Line($"private readonly float[] {OutputTransposed} = global::DslNet.CompilerServices.AlignedFloats.Allocate({_d * _d}); // {Names.Name}: Woᵀ");
    }

    public override void EmitCapacity(CodeWriter w)
    {
        w.Line($"{Projected} = global::DslNet.CompilerServices.AlignedFloats.Allocate(checked(rows * {3 * _d}));");
        w.Line($"{ProjectedGradient} = global::DslNet.CompilerServices.AlignedFloats.Allocate(checked(rows * {3 * _d}));");
        w.Line($"{Context} = global::DslNet.CompilerServices.AlignedFloats.Allocate(checked(rows * {_d}));");
        w.Line($"{ContextGradient} = global::DslNet.CompilerServices.AlignedFloats.Allocate(checked(rows * {_d}));");
        w.Line($"{Row} = global::DslNet.CompilerServices.AlignedFloats.Allocate(timeSteps);");
        w.Line($"{RowGradient} = global::DslNet.CompilerServices.AlignedFloats.Allocate(timeSteps);");
    }

    public override void EmitInitialization(CodeWriter w)
    {
        w.Line($"global::DslNet.CompilerServices.WeightInitializer.GlorotUniform(new global::System.Span<float>(_parameters, {Names.WeightOffset}, {3 * _d * _d}), fanIn: {_d}, fanOut: {_d}, random); // {Names.Name}: Q, K, V, each Glorot");
        w.Line($"new global::System.Span<float>(_parameters, {Names.BiasOffset}, {3 * _d}).Clear();");
        w.Line($"global::DslNet.CompilerServices.WeightInitializer.GlorotUniform(new global::System.Span<float>(_parameters, {Names.Offset("outputWeight")}, {_d * _d}), fanIn: {_d}, fanOut: {_d}, random); // {Names.Name}: output, Glorot");
        w.Line($"new global::System.Span<float>(_parameters, {Names.Offset("outputBias")}, {_d}).Clear();");
    }

    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"{Names.Pascal}Forward({input}, {output}, batch, timeSteps);");

    public override void EmitParameterGradientsCall(CodeWriter w, string input, string delta) =>
        w.Line($"{Names.Pascal}ParameterGradients({input}, {delta}, batch, timeSteps);");

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) =>
        w.Line($"{Names.Pascal}InputGradient({target}, rows);");

    public override void EmitMethods(CodeWriter w)
    {
        int d = _d, d3 = 3 * _d;
        foreach (var field in new[] { Projected, ProjectedGradient, Context, ContextGradient, Row, RowGradient })
        {
            w.Line($"private float[] {field};");
        }
        w.Line();
        EmitProbabilities(w);
        w.Line();
        EmitHeadHelpers(w);
        w.Line();
        w.Line($"/// <summary>{Names.Name} forward: [Q K V] = x·W + b, the heads' attention into the context, y = context·Wo + bo.</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}Forward(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int batch, int timeSteps)"))
        {
            w.Line("int rows = batch * timeSteps;");
            using (w.Block(string.Empty))
            {
                w.Line("ref float left = ref MemoryMarshal.GetReference(input);");
                w.Line($"ref float right = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_parameters), {Names.WeightOffset});");
                w.Line($"ref float bias = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_parameters), {Names.BiasOffset});");
                w.Line($"ref float result = ref MemoryMarshal.GetArrayDataReference({Projected});");
                MatMulEmitter.Emit(w, new MatMul("rows", null, d.ToString(), d3, d, 1, d3, d3, MatMulStart.Bias, false));
            }
            w.Line($"var row = new global::System.Span<float>({Row}, 0, timeSteps);");
            using (w.Block("for (int b = 0; b < batch; b++)"))
            {
                w.Line("int length = _lengths[b];");
                using (w.Block("for (int t = 0; t < timeSteps; t++)"))
                {
                    w.Line($"var context = new global::System.Span<float>({Context}, (b * timeSteps + t) * {d}, {d});");
                    w.Line("context.Clear();");
                    w.Line("if (t >= length) continue;");
                    w.Line($"int keys = {(_attention.Causal ? "t + 1" : "length")};");
                    using (w.Block($"for (int h = 0; h < {_heads}; h++)"))
                    {
                        w.Line($"{Names.Pascal}Probabilities(b, h, t, keys, timeSteps, row);");
                        w.Line($"var head = context.Slice(h * {_e}, {_e});");
                        using (w.Block("for (int u = 0; u < keys; u++)"))
                        {
                            w.Line($"{Names.Pascal}HeadMultiplyAdd(new global::System.ReadOnlySpan<float>({Projected}, (b * timeSteps + u) * {d3} + {2 * d} + h * {_e}, {_e}), head, row[u]);");
                        }
                    }
                }
            }
            using (w.Block(string.Empty))
            {
                w.Line($"ref float left = ref MemoryMarshal.GetArrayDataReference({Context});");
                w.Line($"ref float right = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_parameters), {Names.Offset("outputWeight")});");
                w.Line($"ref float bias = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_parameters), {Names.Offset("outputBias")});");
                w.Line("ref float result = ref MemoryMarshal.GetReference(output);");
                MatMulEmitter.Emit(w, new MatMul("rows", null, d.ToString(), d, d, 1, d, d, MatMulStart.Bias, false));
            }
        }
        w.Line();
        EmitParameterGradients(w);
        w.Line();
        w.Line($"/// <summary>{Names.Name}: dx = d[Q K V]·Wᵀ, from the projection gradient ParameterGradients left.</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}InputGradient(global::System.Span<float> inputGradient, int rows)"))
        {
            WeightTranspose.Emit(w, Names.WeightOffset, d, d3, Names.WeightTransposed);
            w.Line($"ref float left = ref MemoryMarshal.GetArrayDataReference({ProjectedGradient});");
            w.Line($"ref float right = ref MemoryMarshal.GetArrayDataReference({Names.WeightTransposed});");
            w.Line("ref float result = ref MemoryMarshal.GetReference(inputGradient);");
            MatMulEmitter.Emit(w, new MatMul("rows", null, d3.ToString(), d, d3, 1, d, d, MatMulStart.Zero, false));
        }
    }

    /// <summary>One query's attention weights over its visible keys, into row[0 .. keys).</summary>
    private void EmitProbabilities(CodeWriter w)
    {
        int d3 = 3 * _d;
        w.Line($"/// <summary>{Names.Name}: row[u] = softmax_u(q_t·k_u / √{_e}) for u &lt; keys, head h of sample b.</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}Probabilities(int b, int h, int t, int keys, int timeSteps, global::System.Span<float> row)"))
        {
            w.Line($"var query = new global::System.ReadOnlySpan<float>({Projected}, (b * timeSteps + t) * {d3} + h * {_e}, {_e});");
            w.Line("float max = float.NegativeInfinity;");
            using (w.Block("for (int u = 0; u < keys; u++)"))
            {
                w.Line($"float score = {Names.Pascal}HeadDot(query, new global::System.ReadOnlySpan<float>({Projected}, (b * timeSteps + u) * {d3} + {_d} + h * {_e}, {_e})) * {Scale};");
                w.Line("row[u] = score;");
                w.Line("if (score > max) max = score;");
            }
            w.Line("float sum = 0f;");
            using (w.Block("for (int u = 0; u < keys; u++)"))
            {
                w.Line("float weight = global::System.MathF.Exp(row[u] - max);");
                w.Line("row[u] = weight;");
                w.Line("sum += weight;");
            }
            w.Line("TensorPrimitives.Multiply(row.Slice(0, keys), 1f / sum, row.Slice(0, keys));");
        }
    }

    /// <summary>
    /// Dot products and multiply-adds over one head's features, written out for the literal head size: attention makes
    /// one per query, key and head, too short for a library call's dispatch to pay off. Each checks its spans once.
    /// </summary>
    private void EmitHeadHelpers(CodeWriter w)
    {
        int vectorised = _e / 4 * 4;
        using (HeadHelper(w, "a · b", "float", "HeadDot", "global::System.ReadOnlySpan<float> x, global::System.ReadOnlySpan<float> y"))
        {
            w.Line("var sum = Vector128.Create(0f);");
            for (int i = 0; i < vectorised; i += 4)
            {
                w.Line($"sum = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref xs, {i}), Vector128.LoadUnsafe(ref ys, {i}), sum);");
            }
            w.Line("float total = Vector128.Sum(sum);");
            for (int i = vectorised; i < _e; i++) w.Line($"total += Unsafe.Add(ref xs, {i}) * Unsafe.Add(ref ys, {i});");
            w.Line("return total;");
        }
        w.Line();
        using (HeadHelper(w, "y += x · scale", "void", "HeadMultiplyAdd", "global::System.ReadOnlySpan<float> x, global::System.Span<float> y, float scale"))
        {
            if (vectorised > 0) w.Line("var factor = Vector128.Create(scale);");
            for (int i = 0; i < vectorised; i += 4)
            {
                w.Line($"Vector128.StoreUnsafe(Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref xs, {i}), factor, Vector128.LoadUnsafe(ref ys, {i})), ref ys, {i});");
            }
            for (int i = vectorised; i < _e; i++) w.Line($"Unsafe.Add(ref ys, {i}) += Unsafe.Add(ref xs, {i}) * scale;");
        }
    }

    /// <summary>An inlined helper over spans x and y of one head, checked once, then read through refs xs and ys.</summary>
    private System.IDisposable HeadHelper(CodeWriter w, string what, string returns, string name, string parameters)
    {
        w.Line($"/// <summary>{Names.Name}: {what} over one head's {_e} features.</summary>");
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        var body = w.Block($"private static {returns} {Names.Pascal}{name}({parameters})");
        w.Line($"if (x.Length != {_e} || y.Length != {_e}) throw new global::System.ArgumentException(\"{Names.Name}: a head slice holds {_e} floats.\");");
        w.Line("ref float xs = ref MemoryMarshal.GetReference(x);");
        w.Line("ref float ys = ref MemoryMarshal.GetReference(y);");
        return body;
    }

    private void EmitParameterGradients(CodeWriter w)
    {
        int d = _d, d3 = 3 * _d;
        w.Line($"/// <summary>{Names.Name}: the output projection's gradients, back through attention per query, then the [Q K V] projection's.</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}ParameterGradients(global::System.ReadOnlySpan<float> input, global::System.ReadOnlySpan<float> delta, int batch, int timeSteps)"))
        {
            w.Line("int rows = batch * timeSteps;");
            w.Line("// dWo += Cᵀ·dY");
            using (w.Block(string.Empty))
            {
                w.Line($"ref float left = ref MemoryMarshal.GetArrayDataReference({Context});");
                w.Line("ref float right = ref MemoryMarshal.GetReference(delta);");
                w.Line($"ref float result = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_gradients), {Names.Offset("outputWeight")});");
                MatMulEmitter.Emit(w, new MatMul(d.ToString(), d, "rows", d, 1, d, d, d, MatMulStart.Accumulate, false, MatMul.ChunkFor(d)));
            }
            w.Line($"var outputBiasGradient = new global::System.Span<float>(_gradients, {Names.Offset("outputBias")}, {d});");
            using (w.Block("for (int r = 0; r < rows; r++)"))
            {
                w.Line($"TensorPrimitives.Add(outputBiasGradient, delta.Slice(r * {d}, {d}), outputBiasGradient);");
            }
            w.Line("// dC = dY·Woᵀ");
            using (w.Block(string.Empty))
            {
                WeightTranspose.Emit(w, Names.Offset("outputWeight"), d, d, OutputTransposed);
                w.Line("ref float left = ref MemoryMarshal.GetReference(delta);");
                w.Line($"ref float right = ref MemoryMarshal.GetArrayDataReference({OutputTransposed});");
                w.Line($"ref float result = ref MemoryMarshal.GetArrayDataReference({ContextGradient});");
                MatMulEmitter.Emit(w, new MatMul("rows", null, d.ToString(), d, d, 1, d, d, MatMulStart.Zero, false));
            }
            w.Line("// Back through the softmax and the three projections' outputs, one query row at a time.");
            w.Line($"new global::System.Span<float>({ProjectedGradient}, 0, rows * {d3}).Clear();");
            w.Line($"var row = new global::System.Span<float>({Row}, 0, timeSteps);");
            w.Line($"var rowGradient = new global::System.Span<float>({RowGradient}, 0, timeSteps);");
            using (w.Block("for (int b = 0; b < batch; b++)"))
            {
                w.Line("int length = _lengths[b];");
                using (w.Block("for (int t = 0; t < length; t++)"))
                {
                    w.Line($"int keys = {(_attention.Causal ? "t + 1" : "length")};");
                    using (w.Block($"for (int h = 0; h < {_heads}; h++)"))
                    {
                        w.Line($"{Names.Pascal}Probabilities(b, h, t, keys, timeSteps, row);");
                        w.Line($"var contextGradient = new global::System.ReadOnlySpan<float>({ContextGradient}, (b * timeSteps + t) * {d} + h * {_e}, {_e});");
                        w.Line($"var query = new global::System.ReadOnlySpan<float>({Projected}, (b * timeSteps + t) * {d3} + h * {_e}, {_e});");
                        w.Line($"var queryGradient = new global::System.Span<float>({ProjectedGradient}, (b * timeSteps + t) * {d3} + h * {_e}, {_e});");
                        using (w.Block("for (int u = 0; u < keys; u++)"))
                        {
                            w.Line($"rowGradient[u] = {Names.Pascal}HeadDot(contextGradient, new global::System.ReadOnlySpan<float>({Projected}, (b * timeSteps + u) * {d3} + {2 * d} + h * {_e}, {_e}));");
                        }
                        w.Line("float expected = TensorPrimitives.Dot(row.Slice(0, keys), rowGradient.Slice(0, keys));");
                        using (w.Block("for (int u = 0; u < keys; u++)"))
                        {
                            w.Line($"int key = (b * timeSteps + u) * {d3} + h * {_e};");
                            w.Line($"float score = row[u] * (rowGradient[u] - expected) * {Scale};");
                            w.Line($"{Names.Pascal}HeadMultiplyAdd(new global::System.ReadOnlySpan<float>({Projected}, key + {d}, {_e}), queryGradient, score);");
                            w.Line($"var keyGradient = new global::System.Span<float>({ProjectedGradient}, key + {d}, {_e});");
                            w.Line($"{Names.Pascal}HeadMultiplyAdd(query, keyGradient, score);");
                            w.Line($"var valueGradient = new global::System.Span<float>({ProjectedGradient}, key + {2 * d}, {_e});");
                            w.Line($"{Names.Pascal}HeadMultiplyAdd(contextGradient, valueGradient, row[u]);");
                        }
                    }
                }
            }
            w.Line("// dW += Xᵀ·d[Q K V]");
            using (w.Block(string.Empty))
            {
                w.Line("ref float left = ref MemoryMarshal.GetReference(input);");
                w.Line($"ref float right = ref MemoryMarshal.GetArrayDataReference({ProjectedGradient});");
                w.Line($"ref float result = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_gradients), {Names.WeightOffset});");
                MatMulEmitter.Emit(w, new MatMul(d.ToString(), d, "rows", d3, 1, d, d3, d3, MatMulStart.Accumulate, false, MatMul.ChunkFor(d3)));
            }
            w.Line($"global::DslNet.CompilerServices.BiasGradient.Accumulate(_gradients, {Names.BiasOffset}, {d3}, {ProjectedGradient}, rows);");
        }
    }
}
