using DslNet;

namespace FashionMnistSample;

/// <summary>The larger configuration: more filters, same padding, dropout before each Dense layer.</summary>
[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[Input(1, 28, 28)]
[Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dropout(0.25)]
[Dense(128, Activation = Activation.ReLU)]
[Dropout(0.25)]
[Dense(10, Activation = Activation.Softmax)]
public partial class FashionCnnLarge { }
