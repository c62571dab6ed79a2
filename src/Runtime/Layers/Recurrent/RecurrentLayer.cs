using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DslNet.CompilerServices;

/// <summary>
/// A SimpleRnn, Lstm or Gru layer over [batch, time, n] inputs, written once and specialised per layer by its
/// <see cref="IRecurrentLayerShape"/> struct; generated code calls these in order with the layer's offset, its
/// <see cref="RecurrentBuffers"/> and the samples' lengths. Internally time-major (row t·batch + b), so each step's rows
/// are contiguous and every product is one register-blocked product over the whole batch:
///   forward   z = X·W + b for all steps at once; then per step z_t += h_{t−1}·U and the cell update
///   backward  BPTT from the last step, dz_t from the kept gates, dh_{t−1} = dz_t·Uᵀ; then once for all steps
///             dW += Xᵀ·dz, dU += H_{t−1}ᵀ·dz, db += Σ dz, and dX = dz·Wᵀ
/// The parameters lie W [n, g], U [u, g], b [g] (and a GRU's b_h [g]) one after another from the layer's offset, g the
/// gates times u. An LSTM's gate columns are [i, f, o, g]; a GRU's are [r, z, n] as PyTorch orders them, its recurrent
/// product h_{t−1}·U + b_h kept apart because the reset gate scales its n part, and its backward splitting dz into an
/// input side (W, b_i, dX) and a recurrent side (U, b_h, dh_{t−1}) that differ in n by the factor r. A step at or past
/// a sequence's length copies the state through, so it changes nothing and passes its gradient back unchanged.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RecurrentLayer
{
    /// <summary>The columns of a gate row: the cell's gates times the units.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int GateColumns<TShape>() where TShape : struct, IRecurrentLayerShape =>
        RecurrentBuffers.GatesOf(TShape.Cell) * TShape.Units;

    /// <summary>The layer's parameters from its offset: W, U, b and a GRU's b_h.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ParameterCount<TShape>() where TShape : struct, IRecurrentLayerShape =>
        (TShape.Inputs + TShape.Units + (TShape.Cell == RecurrentCell.Gru ? 2 : 1)) * GateColumns<TShape>();

    /// <summary>
    /// output = the states of input [batch, timeSteps, n] (every step's, [batch, timeSteps, u], for a layer that returns
    /// sequences, zero past each sample's length; else each sample's state at its own last step, [batch, u]), sample b
    /// being <paramref name="lengths"/>[b] steps long. Keeps what the backward needs in <paramref name="buffers"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<TShape>(float[] parameters, int offset, ReadOnlySpan<float> input, Span<float> output, int batch, int timeSteps, ReadOnlySpan<int> lengths, RecurrentBuffers buffers)
        where TShape : struct, IRecurrentLayerShape =>
        Forward<TShape, WidestPath>(parameters, offset, input, output, batch, timeSteps, lengths, buffers);

    /// <summary>As <see cref="Forward{TShape}"/>, with its products and gate passes on the vector path <typeparamref name="TPath"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Forward<TShape, TPath>(float[] parameters, int offset, ReadOnlySpan<float> input, Span<float> output, int batch, int timeSteps, ReadOnlySpan<int> lengths, RecurrentBuffers buffers)
        where TShape : struct, IRecurrentLayerShape
        where TPath : struct, IKernelPath
    {
        int n = TShape.Inputs, u = TShape.Units, g = GateColumns<TShape>();
        CheckPass<TShape>(parameters, offset, buffers, lengths, batch, timeSteps);
        int rows = batch * timeSteps;
        LayerArguments.CheckRows(rows, input.Length, n, nameof(input));
        LayerArguments.CheckRows(TShape.ReturnsSequences ? rows : batch, output.Length, u, nameof(output));
        var steps = new Span<float>(buffers.Steps, 0, rows * n);
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < timeSteps; t++)
            {
                input.Slice((b * timeSteps + t) * n, n).CopyTo(steps.Slice((t * batch + b) * n, n));
            }
        }
        ref float weights = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(parameters), offset);
        ref float recurrent = ref Unsafe.Add(ref weights, n * g);
        ref float bias = ref Unsafe.Add(ref recurrent, u * g);
        // Every step's input product at once: z[t·batch + b] = x[b, t]·W + bias.
        TPath.Multiply<RecurrentInputProduct<TShape>>(ref MemoryMarshal.GetArrayDataReference(buffers.Steps), ref weights, ref bias, ref MemoryMarshal.GetArrayDataReference(buffers.Gates), rows, n);
        var hidden = new Span<float>(buffers.Hidden, 0, (rows + batch) * u);
        var cells = TShape.Cell == RecurrentCell.Lstm ? new Span<float>(buffers.Cells, 0, (rows + batch) * u) : default;
        if (buffers.Stateful)
        {
            // Stateful: start from the last batch's final state.
            new ReadOnlySpan<float>(buffers.State, 0, batch * u).CopyTo(hidden);
            if (TShape.Cell == RecurrentCell.Lstm) new ReadOnlySpan<float>(buffers.CellState, 0, batch * u).CopyTo(cells);
        }
        else
        {
            hidden.Slice(0, batch * u).Clear();
            if (TShape.Cell == RecurrentCell.Lstm) cells.Slice(0, batch * u).Clear();
        }
        if (TShape.Cell == RecurrentCell.Gru)
        {
            // Every step's recurrent product starts from b_h: it stays apart from x·W + b_i, the reset gate scales its n part.
            var recurrentBias = new ReadOnlySpan<float>(parameters, offset + (n + u + 1) * g, g);
            for (int r = 0; r < rows; r++) recurrentBias.CopyTo(new Span<float>(buffers.HiddenGates, r * g, g));
        }
        // U into column panels once: every step's product reads them along consecutive cache lines.
        TPath.PackRight<RecurrentStepProduct<TShape>>(ref recurrent, buffers.RecurrentPanels);
        for (int t = 0; t < timeSteps; t++)
        {
            // z_t += h_{t−1}·U (a GRU's hz_t = b_h + h_{t−1}·U), one product over the whole batch.
            float[] stepGates = TShape.Cell == RecurrentCell.Gru ? buffers.HiddenGates : buffers.Gates;
            TPath.MultiplyFromPanels<RecurrentStepProduct<TShape>>(
                ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffers.Hidden), t * batch * u), ref recurrent, ref Unsafe.NullRef<float>(),
                ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(stepGates), t * batch * g), buffers.RecurrentPanels, null, batch, u);
            for (int b = 0; b < batch; b++)
            {
                int row = t * batch + b;
                if (t >= lengths[b])
                {
                    // Past this sequence's end: the state carries over unchanged.
                    hidden.Slice(row * u, u).CopyTo(hidden.Slice((row + batch) * u, u));
                    if (TShape.Cell == RecurrentCell.Lstm) cells.Slice(row * u, u).CopyTo(cells.Slice((row + batch) * u, u));
                    continue;
                }
                ref float z = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffers.Gates), row * g);
                ref float previousHidden = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffers.Hidden), row * u);
                ref float h = ref Unsafe.Add(ref previousHidden, batch * u);
                if (TShape.Cell == RecurrentCell.Lstm)
                {
                    // One pass over the units: [i f o] = σ, g = tanh, c = f·c_{t−1} + i·g, h = o·tanh(c).
                    ref float previousCell = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffers.Cells), row * u);
                    ref float cellTanh = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffers.CellTanh), row * u);
                    RecurrentGatePaths.LstmForward<TShape, TPath>(ref z, ref previousCell, ref Unsafe.Add(ref previousCell, batch * u), ref cellTanh, ref h);
                }
                else if (TShape.Cell == RecurrentCell.Gru)
                {
                    // One pass over the units: [r z] = σ, n = tanh(x_n + r·h_n), h = (1 − z)·n + z·h_{t−1}.
                    ref float hz = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffers.HiddenGates), row * g);
                    RecurrentGatePaths.GruForward<TShape, TPath>(ref z, ref hz, ref previousHidden, ref h);
                }
                else
                {
                    TensorPrimitives.Tanh(new ReadOnlySpan<float>(buffers.Gates, row * g, g), hidden.Slice((row + batch) * u, u));
                }
            }
        }
        if (TShape.ReturnsSequences)
        {
            // Every step's state, batch-major; steps past a sequence's end output zero.
            for (int b = 0; b < batch; b++)
            {
                for (int t = 0; t < timeSteps; t++)
                {
                    var y = output.Slice((b * timeSteps + t) * u, u);
                    if (t < lengths[b]) hidden.Slice(((t + 1) * batch + b) * u, u).CopyTo(y);
                    else y.Clear();
                }
            }
        }
        else
        {
            // The final state, which is each sequence's state at its own last step.
            hidden.Slice(rows * u, batch * u).CopyTo(output);
        }
        if (buffers.Stateful)
        {
            hidden.Slice(rows * u, batch * u).CopyTo(buffers.State);
            if (TShape.Cell == RecurrentCell.Lstm) cells.Slice(rows * u, batch * u).CopyTo(buffers.CellState);
        }
    }

    /// <summary>
    /// Backpropagation through time from dL/dy in <paramref name="delta"/> (shaped as the forward's output), over what the
    /// last training forward kept in <paramref name="buffers"/>; then dW += Xᵀ·dz, dU += H_{t−1}ᵀ·dz, db += Σ dz (a GRU:
    /// the input side into W and b_i, the recurrent side into U and b_h), into <paramref name="gradients"/> from the
    /// layer's offset. Keeps dz for <see cref="InputGradient{TShape}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ParameterGradients<TShape>(float[] parameters, float[] gradients, int offset, ReadOnlySpan<float> delta, int batch, int timeSteps, ReadOnlySpan<int> lengths, RecurrentBuffers buffers)
        where TShape : struct, IRecurrentLayerShape =>
        ParameterGradients<TShape, WidestPath>(parameters, gradients, offset, delta, batch, timeSteps, lengths, buffers);

    /// <summary>As <see cref="ParameterGradients{TShape}"/>, with its products and gate passes on the vector path <typeparamref name="TPath"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ParameterGradients<TShape, TPath>(float[] parameters, float[] gradients, int offset, ReadOnlySpan<float> delta, int batch, int timeSteps, ReadOnlySpan<int> lengths, RecurrentBuffers buffers)
        where TShape : struct, IRecurrentLayerShape
        where TPath : struct, IKernelPath
    {
        int n = TShape.Inputs, u = TShape.Units, g = GateColumns<TShape>();
        CheckPass<TShape>(parameters, offset, buffers, lengths, batch, timeSteps);
        LayerArguments.CheckSlice(gradients, offset, ParameterCount<TShape>(), nameof(offset));
        int rows = batch * timeSteps;
        LayerArguments.CheckRows(TShape.ReturnsSequences ? rows : batch, delta.Length, u, nameof(delta));
        ref float recurrent = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(parameters), offset + n * g);
        // Uᵀ into column panels once (the copy transposes U on the way): every step's dh product reads them.
        TPath.PackRight<RecurrentStepGradient<TShape>>(ref recurrent, buffers.RecurrentPanels);
        var hiddenGradient = new Span<float>(buffers.HiddenGradient, 0, batch * u);
        hiddenGradient.Clear();
        if (TShape.Cell == RecurrentCell.Lstm) new Span<float>(buffers.CellGradient, 0, batch * u).Clear();
        var gateGradient = new Span<float>(buffers.GateGradient, 0, rows * g);
        var hiddenGateGradient = TShape.Cell == RecurrentCell.Gru ? new Span<float>(buffers.HiddenGateGradient, 0, rows * g) : default;
        // The recurrent side of dz: a GRU's own, else dz itself.
        float[] recurrentSide = TShape.Cell == RecurrentCell.Gru ? buffers.HiddenGateGradient : buffers.GateGradient;
        for (int t = timeSteps - 1; t >= 0; t--)
        {
            for (int b = 0; b < batch; b++)
            {
                int row = t * batch + b;
                var dh = hiddenGradient.Slice(b * u, u);
                if (TShape.ReturnsSequences)
                {
                    if (t < lengths[b]) TensorPrimitives.Add(dh, delta.Slice((b * timeSteps + t) * u, u), dh);
                }
                else if (t == timeSteps - 1)
                {
                    TensorPrimitives.Add(dh, delta.Slice(b * u, u), dh);
                }
                if (t >= lengths[b])
                {
                    // A copied-through step: no gradient for the weights, dh passes back unchanged.
                    gateGradient.Slice(row * g, g).Clear();
                    if (TShape.Cell == RecurrentCell.Gru) hiddenGateGradient.Slice(row * g, g).Clear();
                    continue;
                }
                ref float hiddenRow = ref MemoryMarshal.GetReference(dh);
                ref float dz = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffers.GateGradient), row * g);
                if (TShape.Cell == RecurrentCell.Lstm)
                {
                    // One pass over the units: dz for [i f o g] from the kept gates, and dc for the step before.
                    ref float z = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffers.Gates), row * g);
                    ref float cellTanh = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffers.CellTanh), row * u);
                    ref float previousCell = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffers.Cells), row * u);
                    ref float dc = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffers.CellGradient), b * u);
                    RecurrentGatePaths.LstmBackward<TShape, TPath>(ref z, ref cellTanh, ref previousCell, ref hiddenRow, ref dz, ref dc);
                }
                else if (TShape.Cell == RecurrentCell.Gru)
                {
                    // One pass over the units: both sides of dz for [r z n] from the kept gates, and dh replaced by its direct part dh·z.
                    ref float z = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffers.Gates), row * g);
                    ref float hz = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffers.HiddenGates), row * g);
                    ref float previousHidden = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffers.Hidden), row * u);
                    ref float dhz = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffers.HiddenGateGradient), row * g);
                    RecurrentGatePaths.GruBackward<TShape, TPath>(ref z, ref hz, ref previousHidden, ref hiddenRow, ref dz, ref dhz);
                }
                else
                {
                    // dz = dh·(1 − h²), from the kept state h = tanh(z).
                    ref float h = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffers.Hidden), (row + batch) * u);
                    RecurrentGatePaths.SimpleRnnBackward<TShape, TPath>(ref h, ref hiddenRow, ref dz);
                }
            }
            // dh_{t−1} = dz_t·Uᵀ (a GRU: the recurrent side's share of it), one product over the whole batch.
            TPath.MultiplyFromPanels<RecurrentStepGradient<TShape>>(
                ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(recurrentSide), t * batch * g), ref recurrent, ref Unsafe.NullRef<float>(),
                ref MemoryMarshal.GetArrayDataReference(buffers.Carry), buffers.RecurrentPanels, null, batch, g);
            for (int b = 0; b < batch; b++)
            {
                if (t >= lengths[b]) continue;
                var carried = new ReadOnlySpan<float>(buffers.Carry, b * u, u);
                if (TShape.Cell == RecurrentCell.Gru) TensorPrimitives.Add(hiddenGradient.Slice(b * u, u), carried, hiddenGradient.Slice(b * u, u));
                else carried.CopyTo(hiddenGradient.Slice(b * u, u));
            }
        }
        ref float weightGradient = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(gradients), offset);
        // dW += Xᵀ·dz over every step of every sample.
        TPath.MultiplyFromPanels<RecurrentInputWeightGradient<TShape>>(
            ref MemoryMarshal.GetArrayDataReference(buffers.Steps), ref MemoryMarshal.GetArrayDataReference(buffers.GateGradient), ref Unsafe.NullRef<float>(),
            ref weightGradient, buffers.GatePanels, buffers.StateRows, n, rows);
        // dU += H_{t−1}ᵀ·dz: the states from slot 0 (the initial state) on line up with the steps.
        TPath.MultiplyFromPanels<RecurrentStateWeightGradient<TShape>>(
            ref MemoryMarshal.GetArrayDataReference(buffers.Hidden), ref MemoryMarshal.GetArrayDataReference(recurrentSide), ref Unsafe.NullRef<float>(),
            ref Unsafe.Add(ref weightGradient, n * g), buffers.GatePanels, buffers.StateRows, u, rows);
        int biasOffset = offset + (n + u) * g;
        BiasGradient.Accumulate(gradients, biasOffset, g, gateGradient, rows);
        if (TShape.Cell == RecurrentCell.Gru) BiasGradient.Accumulate(gradients, biasOffset + g, g, hiddenGateGradient, rows);
    }

    /// <summary>inputGradient [batch, timeSteps, n] = dz·Wᵀ for every step, from the dz <see cref="ParameterGradients{TShape}"/> kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void InputGradient<TShape>(float[] parameters, int offset, Span<float> inputGradient, int batch, int timeSteps, RecurrentBuffers buffers)
        where TShape : struct, IRecurrentLayerShape =>
        InputGradient<TShape, WidestPath>(parameters, offset, inputGradient, batch, timeSteps, buffers);

    /// <summary>As <see cref="InputGradient{TShape}"/>, with its product on the vector path <typeparamref name="TPath"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void InputGradient<TShape, TPath>(float[] parameters, int offset, Span<float> inputGradient, int batch, int timeSteps, RecurrentBuffers buffers)
        where TShape : struct, IRecurrentLayerShape
        where TPath : struct, IKernelPath
    {
        int n = TShape.Inputs, g = GateColumns<TShape>();
        CheckPass<TShape>(parameters, offset, buffers, ReadOnlySpan<int>.Empty, batch, timeSteps, checkLengths: false);
        int rows = batch * timeSteps;
        LayerArguments.CheckRows(rows, inputGradient.Length, n, nameof(inputGradient));
        WeightTranspose.Copy(parameters, offset, n, g, buffers.WeightTransposed);
        TPath.Multiply<RecurrentInputGradient<TShape>>(
            ref MemoryMarshal.GetArrayDataReference(buffers.GateGradient), ref MemoryMarshal.GetArrayDataReference(buffers.WeightTransposed), ref Unsafe.NullRef<float>(),
            ref MemoryMarshal.GetArrayDataReference(buffers.StepsGradient), rows, g);
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < timeSteps; t++)
            {
                new ReadOnlySpan<float>(buffers.StepsGradient, (t * batch + b) * n, n).CopyTo(inputGradient.Slice((b * timeSteps + t) * n, n));
            }
        }
    }

    /// <summary>The checks every pass makes before its unchecked kernels run: the buffers fit the shape and the batch, the parameters the offset.</summary>
    private static void CheckPass<TShape>(float[] parameters, int offset, RecurrentBuffers buffers, ReadOnlySpan<int> lengths, int batch, int timeSteps, bool checkLengths = true)
        where TShape : struct, IRecurrentLayerShape
    {
        ArgumentNullException.ThrowIfNull(buffers);
        if (buffers.Cell != TShape.Cell || buffers.Inputs != TShape.Inputs || buffers.Units != TShape.Units)
        {
            throw new ArgumentException(
                $"The buffers are for a {buffers.Cell} of {buffers.Inputs} inputs and {buffers.Units} units; this layer is a {TShape.Cell} of {TShape.Inputs} inputs and {TShape.Units} units.", nameof(buffers));
        }
        if (batch < 0 || timeSteps < 0 || batch > buffers.BatchCapacity || timeSteps > buffers.TimeCapacity)
        {
            throw new ArgumentOutOfRangeException(nameof(batch),
                $"{batch} samples of {timeSteps} steps do not fit the buffers' {buffers.BatchCapacity} samples of {buffers.TimeCapacity} steps: call EnsureCapacity first.");
        }
        if (checkLengths && lengths.Length < batch)
        {
            throw new ArgumentException($"lengths holds {lengths.Length} samples' lengths; the batch has {batch}.", nameof(lengths));
        }
        LayerArguments.CheckSlice(parameters, offset, ParameterCount<TShape>(), nameof(offset));
    }
}
