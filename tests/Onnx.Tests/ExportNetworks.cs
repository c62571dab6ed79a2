namespace DslNet.Onnx.Tests.Networks;

// Same padding whose total is odd both ways (the extra row and column go at the bottom and right), with stride 1 and 2:
// the reference networks of the end-to-end tests only pad evenly.
[Network]
[Input(2, 8, 7)]
[Conv2D(3, 4, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(2, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.Sigmoid)]
[Flatten]
[Dense(3)]
public partial class OddSamePadding { }
