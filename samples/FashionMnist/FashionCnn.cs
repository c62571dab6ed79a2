using DslNet;

namespace FashionMnistSample;

// W2 of bench/README.md, exactly: the second pooling floors 11×11 to 5×5 (400 features), so DN0021 is expected.
#pragma warning disable DN0021
/// <summary>1×28×28 → Conv 8@3×3 ReLU → MaxPool 2 → Conv 16@3×3 ReLU → MaxPool 2 → Dense 64 ReLU → Dense 10 softmax.</summary>
[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[Input(1, 28, 28)]
[Conv2D(8, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(64, Activation = Activation.ReLU)]
[Dense(10, Activation = Activation.Softmax)]
public partial class FashionCnn { }
#pragma warning restore DN0021
