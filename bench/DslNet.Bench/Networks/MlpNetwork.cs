namespace DslNet.Bench.Networks;

/// <summary>W1 and W3: 784 → 128 ReLU → 64 ReLU → 10, softmax (trained with softmax cross-entropy).</summary>
[Network]
[Input(784)]
[Dense(128, Activation = Activation.ReLU)]
[Dense(64, Activation = Activation.ReLU)]
[Dense(10, Activation = Activation.Softmax)]
public partial class MlpNetwork
{
}
