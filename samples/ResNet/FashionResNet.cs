using DslNet;

namespace ResNetSample;

/// <summary>
/// Three stages of two residual blocks (16, 32 and 64 channels at 28×28, 14×14 and 7×7), each block
/// relu(x + BN(conv(relu(BN(conv(x)))))); where a stage halves the map and widens the channels, the shortcut is a
/// strided 1×1 convolution with its own batch normalisation. Then global average pooling and a Dense classifier.
/// </summary>
[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[Input(1, 28, 28)]
[Conv2D(16, 3, Padding = Padding.Same)]
[BatchNorm(Activation = Activation.ReLU, Name = "stem")]
// Stage 1: 16 channels, 28×28.
[Conv2D(16, 3, Padding = Padding.Same)]
[BatchNorm(Activation = Activation.ReLU)]
[Conv2D(16, 3, Padding = Padding.Same)]
[BatchNorm(Name = "f1")]
[Add("stem", "f1", Activation = Activation.ReLU, Name = "block1")]
[Conv2D(16, 3, Padding = Padding.Same)]
[BatchNorm(Activation = Activation.ReLU)]
[Conv2D(16, 3, Padding = Padding.Same)]
[BatchNorm(Name = "f2")]
[Add("block1", "f2", Activation = Activation.ReLU, Name = "block2")]
// Stage 2: 32 channels, 14×14; the shortcut projects block2.
[Conv2D(32, 3, Stride = 2, Padding = Padding.Same)]
[BatchNorm(Activation = Activation.ReLU)]
[Conv2D(32, 3, Padding = Padding.Same)]
[BatchNorm(Name = "f3")]
[Conv2D(32, 1, Stride = 2, Padding = Padding.Same, From = "block2")]
[BatchNorm(Name = "projection3")]
[Add("projection3", "f3", Activation = Activation.ReLU, Name = "block3")]
[Conv2D(32, 3, Padding = Padding.Same)]
[BatchNorm(Activation = Activation.ReLU)]
[Conv2D(32, 3, Padding = Padding.Same)]
[BatchNorm(Name = "f4")]
[Add("block3", "f4", Activation = Activation.ReLU, Name = "block4")]
// Stage 3: 64 channels, 7×7; the shortcut projects block4.
[Conv2D(64, 3, Stride = 2, Padding = Padding.Same)]
[BatchNorm(Activation = Activation.ReLU)]
[Conv2D(64, 3, Padding = Padding.Same)]
[BatchNorm(Name = "f5")]
[Conv2D(64, 1, Stride = 2, Padding = Padding.Same, From = "block4")]
[BatchNorm(Name = "projection5")]
[Add("projection5", "f5", Activation = Activation.ReLU, Name = "block5")]
[Conv2D(64, 3, Padding = Padding.Same)]
[BatchNorm(Activation = Activation.ReLU)]
[Conv2D(64, 3, Padding = Padding.Same)]
[BatchNorm(Name = "f6")]
[Add("block5", "f6", Activation = Activation.ReLU, Name = "block6")]
[GlobalAveragePool2D]
[Dense(10, Activation = Activation.Softmax)]
public partial class FashionResNet { }
