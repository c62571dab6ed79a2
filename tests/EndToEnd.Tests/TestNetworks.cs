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

// Weights over 1 MB, so every product runs from column panels: 700×1030 and 1030×1000 (columns 1030 = 64 × 16 + 6 and
// 1000 = 62 × 16 + 8 = 15 × 64 + 40 leave a narrow last panel for both vector widths), the weight gradients from xᵀ
// copied into rows, and the input gradient from Wᵀ copied straight from the parameters. Tanh, not ReLU: among
// 1030 units some pre-activation lands within float rounding (or a finite-difference step) of the kink.
[Network]
[Input(700)]
[Dense(1030, Activation = Activation.Tanh)]
[Dense(1000)]
public partial class PanelProducts { }

// A 2100-step reduction is longer than one panel slice (2048): the forward adds a second slice of 52 onto the first,
// and only that one applies the ReLU.
[Network]
[Input(2100)]
[Dense(130, Activation = Activation.ReLU)]
[Dense(3, Activation = Activation.Softmax)]
public partial class LongPanelReduction { }
