using DslNet;

namespace DslNet.EndToEnd.Tests;

// Batch normalisation per feature of a vector, and per channel of a 3×4 map (positions not a vector width).

[Network]
[Input(4)]
[BatchNorm]
public partial class FeatureBatchNorm { }

[Network]
[Input(3, 3, 4)]
[BatchNorm(Momentum = 0.3, Epsilon = 1e-3)]
public partial class ChannelBatchNorm { }

// As a network uses it: after a convolution (before the classifier) and between Dense layers.
[Network]
[Input(2, 4, 5)]
[Conv2D(3, 2, Activation = Activation.Tanh)]
[BatchNorm]
[Flatten]
[Dense(6, Activation = Activation.Tanh)]
[BatchNorm(Name = "norm")]
[Dense(3, Activation = Activation.Softmax)]
public partial class BatchNormCnn { }

// 35 positions per channel: whole vectors of every width and a tail, with and without the ReLU after it.
[Network]
[Input(3, 5, 7)]
[BatchNorm(Momentum = 0.3, Epsilon = 1e-3)]
public partial class WideChannelBatchNorm { }

[Network]
[Input(3, 5, 7)]
[BatchNorm(Momentum = 0.3, Epsilon = 1e-3, Activation = Activation.ReLU)]
public partial class ReluChannelBatchNorm { }

// The ReLU's gradient per feature: few values per gain, so few finite differences straddle the kink.
[Network]
[Input(6)]
[BatchNorm(Activation = Activation.ReLU)]
public partial class ReluFeatureBatchNorm { }
