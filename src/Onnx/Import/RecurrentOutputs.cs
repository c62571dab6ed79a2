namespace DslNet.Onnx.Import;

/// <summary>
/// The outputs of an ONNX LSTM or RNN node just imported as <paramref name="Layer"/>: Y [time, 1, batch, units] (every
/// step), Y_h [1, batch, units] (the last state) and, for an LSTM, Y_c (the cell state, which DslNet's layer does not give).
/// The node after it decides whether the layer returns sequences.
/// </summary>
internal sealed record RecurrentOutputs(string Steps, string LastState, string CellState, ImportedLayer Layer);
