using DslNet;

namespace DslNet.EndToEnd.Tests;

// Shapes chosen to reach every emitted path: full 64-column tiles (70, 130), vector tails of each
// width (16, 8, 4) and scalar tails, row counts that are not multiples of the 4-row block (5, 9, 13).

[Network]
[Input(5)]
[Dense(7, Activation = Activation.ReLU)]
[Dense(3, Activation = Activation.Linear)]
public partial class TinyLinear { }

[Network]
[Input(9)]
[Dense(70, Activation = Activation.Tanh)]
[Dense(13, Activation = Activation.Sigmoid)]
public partial class WideSigmoid { }

[Network]
[Input(13)]
[Dense(29, Activation = Activation.ReLU)]
[Dense(130, Activation = Activation.ReLU)]
[Dense(6, Activation = Activation.Softmax)]
public partial class DeepSoftmax { }

[Network]
[Input(70)]
[Dense(1, Activation = Activation.Sigmoid)]
public partial class SingleUnit { }

[Network]
[Input(2)]
[Dense(8, Activation = Activation.Tanh)]
[Dense(1, Activation = Activation.Sigmoid)]
public partial class XorNetwork { }

[Network]
[Input(4)]
[Dense(12, Activation = Activation.Tanh, Name = "hidden")]
[Dense(3, Activation = Activation.Softmax, Name = "classes")]
public partial class NamedLayers { }

// Large enough that the matrix products run their reductions in cache-sized slices: 600×130 and 130×520 weights
// (over 256 KB each) in uneven slices, with the bias and the ReLU fused into the first and the last slice.
[Network]
[Input(600)]
[Dense(130, Activation = Activation.ReLU)]
[Dense(520, Activation = Activation.Tanh)]
[Dense(3, Activation = Activation.Softmax)]
public partial class SlicedReductions { }
