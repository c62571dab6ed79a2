using DslNet;

namespace OnnxInterop;

/// <summary>
/// The DslNet declaration of the PyTorch module whose weights are in pytorch/cnn.safetensors:
/// <c>conv1 = nn.Conv2d(2, 4, 3, padding=1)</c>, ReLU, <c>nn.MaxPool2d(2)</c>, <c>conv2 = nn.Conv2d(4, 3, 2, stride=2)</c>,
/// <c>flatten</c>, <c>head = nn.Linear(12, 5)</c>. The layers named as PyTorch's modules need no map; the last Dense
/// layer keeps its default name <c>dense5</c> and is mapped to <c>head</c> when the weights load.
/// </summary>
[Network]
[Input(2, 8, 8)]
[Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "conv1")]
[MaxPool2D(2)]
[Conv2D(3, 2, Stride = 2, Name = "conv2")]
[Flatten]
[Dense(5)]
public partial class PyTorchCnn { }
