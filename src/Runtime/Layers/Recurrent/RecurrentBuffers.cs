using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace DslNet.CompilerServices;

/// <summary>
/// What one recurrent layer keeps between its passes, owned by the network (one per layer, never shared between
/// replicas): its weight copies, and its time-major buffers (row t·batch + b) of inputs, gates and states, grown with
/// the batch and the time steps and never in a step. A stateful layer also keeps the final state of the last batch,
/// where the next batch starts.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RecurrentBuffers
{
    /// <summary>Buffers for a layer of <paramref name="cell"/> with <paramref name="inputs"/> floats per step and <paramref name="units"/> units.</summary>
    public RecurrentBuffers(RecurrentCell cell, int inputs, int units, bool stateful)
    {
        if (!Enum.IsDefined(cell)) throw new ArgumentOutOfRangeException(nameof(cell), $"{cell} is not a recurrent cell: expected SimpleRnn, Lstm or Gru.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        Cell = cell;
        Inputs = inputs;
        Units = units;
        Stateful = stateful;
        int gates = checked(GatesOf(cell) * units);
        RecurrentPanels = AlignedFloats.Allocate(checked(units * gates));
        WeightTransposed = AlignedFloats.Allocate(checked(inputs * gates));
        GatePanels = AlignedFloats.Allocate(checked(ProductSlices.RunTimeSlice * gates));
        StateRows = AlignedFloats.Allocate(checked(Math.Max(inputs, units) * ProductSlices.RunTimeSlice));
    }

    /// <summary>The cell these buffers were made for.</summary>
    public RecurrentCell Cell { get; }

    /// <summary>The floats of one time step's input.</summary>
    public int Inputs { get; }

    /// <summary>The units: the length of a state row.</summary>
    public int Units { get; }

    /// <summary>Whether the layer starts each batch from the last one's final state.</summary>
    public bool Stateful { get; }

    /// <summary>The samples the batch-sized buffers hold.</summary>
    public int BatchCapacity { get; private set; }

    /// <summary>The time steps the batch-sized buffers hold.</summary>
    public int TimeCapacity { get; private set; }

    // Fixed: U in column panels (forward) or Uᵀ (backward); Wᵀ; a slice of dz in panels and of Xᵀ or H_{t−1}ᵀ as rows for dW and dU.
    internal float[] RecurrentPanels { get; }
    internal float[] WeightTransposed { get; }
    internal float[] GatePanels { get; }
    internal float[] StateRows { get; }

    // Time-major, grown by EnsureCapacity: inputs, gates, states (slot 0 the initial state) and their gradients.
    internal float[] Steps { get; private set; } = [];
    internal float[] Gates { get; private set; } = [];
    internal float[] Hidden { get; private set; } = [];
    internal float[] GateGradient { get; private set; } = [];
    internal float[] StepsGradient { get; private set; } = [];
    internal float[] HiddenGradient { get; private set; } = [];
    internal float[] Carry { get; private set; } = [];

    // LSTM: the cells (slot 0 the initial one), tanh of each, and the carried cell gradient.
    internal float[] Cells { get; private set; } = [];
    internal float[] CellTanh { get; private set; } = [];
    internal float[] CellGradient { get; private set; } = [];

    // GRU: every step's h_{t−1}·U + b_h (its n part kept for the backward) and its gradient.
    internal float[] HiddenGates { get; private set; } = [];
    internal float[] HiddenGateGradient { get; private set; } = [];

    // Stateful: the final state (and LSTM cell) of the last batch, [capacity, units].
    internal float[] State { get; private set; } = [];
    internal float[] CellState { get; private set; } = [];

    /// <summary>The gates of a cell's gate row, in unit counts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int GatesOf(RecurrentCell cell) => cell switch
    {
        RecurrentCell.Lstm => 4,
        RecurrentCell.Gru => 3,
        _ => 1,
    };

    /// <summary>Grows the buffers to hold <paramref name="batch"/> samples of <paramref name="timeSteps"/> steps; a no-op once they do.</summary>
    public void EnsureCapacity(int batch, int timeSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfNegative(timeSteps);
        if (batch <= BatchCapacity && timeSteps <= TimeCapacity) return;
        batch = Math.Max(batch, BatchCapacity);
        timeSteps = Math.Max(timeSteps, TimeCapacity);
        int n = Inputs, u = Units, g = GatesOf(Cell) * Units;
        int rows = checked(batch * timeSteps);
        Steps = AlignedFloats.Allocate(checked(rows * n));
        Gates = AlignedFloats.Allocate(checked(rows * g));
        Hidden = AlignedFloats.Allocate(checked((rows + batch) * u));
        GateGradient = AlignedFloats.Allocate(checked(rows * g));
        StepsGradient = AlignedFloats.Allocate(checked(rows * n));
        HiddenGradient = AlignedFloats.Allocate(checked(batch * u));
        Carry = AlignedFloats.Allocate(checked(batch * u));
        if (Cell == RecurrentCell.Lstm)
        {
            Cells = AlignedFloats.Allocate(checked((rows + batch) * u));
            CellTanh = AlignedFloats.Allocate(checked(rows * u));
            CellGradient = AlignedFloats.Allocate(checked(batch * u));
        }
        if (Cell == RecurrentCell.Gru)
        {
            HiddenGates = AlignedFloats.Allocate(checked(rows * g));
            HiddenGateGradient = AlignedFloats.Allocate(checked(rows * g));
        }
        if (Stateful)
        {
            // Resized, not replaced: the carried state survives a larger batch.
            State = Resized(State, checked(batch * u));
            if (Cell == RecurrentCell.Lstm) CellState = Resized(CellState, checked(batch * u));
        }
        BatchCapacity = batch;
        TimeCapacity = timeSteps;
    }

    /// <summary>Sets the carried state back to zero (nothing to do for a layer that is not stateful).</summary>
    public void ResetState()
    {
        Array.Clear(State);
        Array.Clear(CellState);
    }

    private static float[] Resized(float[] array, int length)
    {
        Array.Resize(ref array, length);
        return array;
    }
}
