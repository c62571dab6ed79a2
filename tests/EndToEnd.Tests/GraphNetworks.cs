using DslNet;

namespace DslNet.EndToEnd.Tests;

// Networks that branch and merge: each layer reads the previous one unless it names its input (From) or merges
// several (Add, Concatenate). The references in NetworkCase mirror them with ReferenceLayer.Reading.

// A ResNet-style block: the stem's ReLU output is read twice (by the block's first convolution and by Add), so its
// gradient is the sum of both before the ReLU backward; the block ends in relu(stem + F(stem)).
[Network]
[Input(2, 6, 6)]
[Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "stem")]
[Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(4, 3, Padding = Padding.Same)]
[Add("stem", "conv2d3", Activation = Activation.ReLU, Name = "block")]
[GlobalAveragePool2D]
[Dense(3, Activation = Activation.Softmax)]
public partial class ResidualCnn { }

// A U-Net-style skip: the encoder's map [3, 6, 6] is pooled, convolved, upsampled back to 6×6 and joined with itself
// along the channels, then a 1×1 convolution is the per-pixel head.
[Network]
[Input(1, 6, 6)]
[Conv2D(3, 3, Padding = Padding.Same, Activation = Activation.Tanh, Name = "encoder")]
[MaxPool2D(2)]
[Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Upsample2D(2, Name = "decoder")]
[Concatenate("encoder", "decoder")]
[Conv2D(2, 1, Activation = Activation.Sigmoid, Name = "head")]
[Flatten]
public partial class UNetSkip { }

// An MLP with skips: h1 is read by three layers (dense2, side and the sum), the input by h1 and the concatenation, so
// the input gradient is summed from two readers too.
[Network]
[Input(5)]
[Dense(7, Activation = Activation.Tanh, Name = "h1")]
[Dense(7, Activation = Activation.ReLU)]
[Dense(7, Activation = Activation.Sigmoid, From = "h1", Name = "side")]
[Add("h1", "dense2", "side", Name = "sum")]
[Concatenate("sum", "input")]
[Dense(3, Activation = Activation.Softmax)]
public partial class SkipMlp { }
