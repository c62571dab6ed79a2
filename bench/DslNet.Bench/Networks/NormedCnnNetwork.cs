using DslNet;

namespace DslNet.Bench.Networks;

#pragma warning disable DN0021 // W2's shapes: the second pooling drops a row and a column of 11×11.

/// <summary>
/// W4's network with batch normalisation after each convolution and the first Dense layer (their ReLU moved onto the
/// BatchNorm): what the normalisation costs at inference, timed beside W4 by <c>--breakdown</c>.
/// </summary>
[Network]
[Input(1, 28, 28)]
[Conv2D(8, 3)]
[BatchNorm(Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 3)]
[BatchNorm(Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(64)]
[BatchNorm(Activation = Activation.ReLU)]
[Dense(10, Activation = Activation.Softmax)]
public partial class NormedCnnNetwork
{
}
