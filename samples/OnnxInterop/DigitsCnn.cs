using DslNet;

namespace OnnxInterop;

/// <summary>The network trained here and exported: a small CNN on the 8×8 digits, 10 softmax classes.</summary>
[Network]
[Input(1, 8, 8)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(32, Activation = Activation.ReLU)]
[Dense(10, Activation = Activation.Softmax)]
public partial class DigitsCnn { }
