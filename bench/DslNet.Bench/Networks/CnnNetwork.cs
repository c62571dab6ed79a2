namespace DslNet.Bench.Networks;

#pragma warning disable DN0021 // W2 as bench/README.md defines it: the second pooling drops a row and a column of 11×11.

/// <summary>W2 and W4: 1×28×28 → Conv 8@3×3 ReLU → MaxPool 2 → Conv 16@3×3 ReLU → MaxPool 2 → Dense 64 ReLU → Dense 10 softmax.</summary>
[Network]
[Input(1, 28, 28)]
[Conv2D(8, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(64, Activation = Activation.ReLU)]
[Dense(10, Activation = Activation.Softmax)]
public partial class CnnNetwork
{
}
