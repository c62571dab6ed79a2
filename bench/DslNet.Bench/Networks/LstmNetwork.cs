namespace DslNet.Bench.Networks;

/// <summary>W5: LSTM input 32, hidden 128, last hidden state → Dense 128 → 10, softmax (35 time steps, set at construction).</summary>
[Network]
[SequenceInput(32)]
[Lstm(128)]
[Dense(10, Activation = Activation.Softmax)]
public partial class LstmNetwork
{
}
