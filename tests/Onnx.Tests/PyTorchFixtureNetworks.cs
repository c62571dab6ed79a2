namespace DslNet.Onnx.Tests.Networks;

// The DslNet declarations of the models in Fixtures/make_fixtures.py, whose PyTorch weights and outputs are committed
// there. Being in this namespace, they are also exported to ONNX with the reference networks.

[Network]
[Input(6)]
[Dense(10, Activation = Activation.ReLU, Name = "fc1")]
[Dense(3, Activation = Activation.Softmax, Name = "fc2")]
public partial class TorchMlp { }

[Network]
[Input(2, 8, 8)]
[Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "conv1")]
[MaxPool2D(2)]
[Conv2D(3, 2, Stride = 2, Name = "conv2")]
[Flatten]
[Dense(5)]
public partial class TorchCnn { }

[Network]
[Input(2, 5, 6)]
[Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "conv1")]
[Upsample2D(2)]
[Conv2D(3, 3, Name = "conv2")]
[GlobalAveragePool2D]
[Dense(5, Name = "head")]
public partial class TorchPooledCnn { }

[Network]
[SequenceInput]
[Embedding(11, 6)]
[Lstm(8)]
[Dense(4)]
public partial class TorchLstmClassifier { }

[Network]
[SequenceInput]
[Embedding(11, 8)]
[PositionalEncoding(Learned = true, MaxLength = 10, Name = "positions")]
[TransformerBlock(2, FeedForward = 12, Causal = true)]
[LayerNorm]
[Dense(11)]
public partial class TorchDecoder { }

[Network]
[SequenceInput(3)]
[Gru(6, ReturnSequences = true, Name = "gru1")]
[Gru(5, Name = "gru2")]
[Dense(4, Name = "head")]
public partial class TorchGruClassifier { }

[Network]
[Input(2, 6, 6)]
[Conv2D(4, 2, PaddingSize = 1, Activation = Activation.ReLU, Name = "conv1")]
[Conv2D(3, 3, Stride = 2, PaddingSize = 1, Name = "conv2")]
[Flatten]
[Dense(5, Name = "head")]
public partial class TorchPaddedCnn { }
