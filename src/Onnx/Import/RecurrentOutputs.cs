namespace DslNet.Onnx.Import;

/// <summary>
/// The outputs of an ONNX LSTM or RNN node just imported as <paramref name="Layer"/>: Y [time, 1, batch, units] (every
/// step), Y_h [1, batch, units] (the last state) and, for an LSTM, Y_c (the cell state, which DslNet's layer does not give).
/// The node after it decides whether the layer returns sequences. <paramref name="Stacked"/> is the number of layers'
/// states in <paramref name="LastState"/>: more than 1 after the <c>Concat</c> of Y_h that PyTorch writes for the h_n
/// of an <c>nn.LSTM(num_layers=n)</c>, whose last entry is this layer's.
/// </summary>
internal sealed record RecurrentOutputs(string Steps, string LastState, string CellState, ImportedLayer Layer, int Stacked = 1);
