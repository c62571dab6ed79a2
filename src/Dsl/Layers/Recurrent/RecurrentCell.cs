namespace DslNet.Model;

/// <summary>The recurrence a <see cref="RecurrentSpec"/> computes at each time step.</summary>
internal enum RecurrentCell
{
    /// <summary>h_t = tanh(x_t·W + h_{t−1}·U + b).</summary>
    Simple,

    /// <summary>Input, forget and output gates and a candidate, with a cell state beside the hidden state.</summary>
    Lstm,

    /// <summary>PyTorch's GRU: reset and update gates and a new-state candidate whose recurrent product the reset gate scales.</summary>
    Gru,
}
