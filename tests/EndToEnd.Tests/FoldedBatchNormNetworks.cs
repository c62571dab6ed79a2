using DslNet;

namespace DslNet.EndToEnd.Tests;

#pragma warning disable DN0021 // FoldedStridedConvNorm's pooling drops the last row and column of 7×7, as intended.

// Every BatchNorm here follows a Conv2D or Dense layer without an activation that nothing else reads, so inference
// folds it into that layer's pass.

// Convolution, BatchNorm and 2×2 max pooling in one inference pass (9 filters: a last vector that overlaps the one
// before it), then a Dense layer and its BatchNorm folded into the product.
[Network]
[Input(2, 10, 12)]
[Conv2D(9, 3)]
[BatchNorm(Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(7)]
[BatchNorm(Epsilon = 1e-3)]
[Dense(3)]
public partial class FoldedConvPoolNorm { }

// The direct convolution without pooling (output rows of 11: a tail vector), a BatchNorm with tanh after it.
[Network]
[Input(3, 6, 13)]
[Conv2D(10, 3)]
[BatchNorm(Activation = Activation.Tanh)]
[Flatten]
[Dense(4)]
public partial class FoldedDirectConvNorm { }

// im2col and the product: same padding, then a pooling the pass cannot take; a stride-2 convolution.
[Network]
[Input(2, 7, 7)]
[Conv2D(5, 3, Padding = Padding.Same)]
[BatchNorm(Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(4, 2, Stride = 2)]
[BatchNorm(Momentum = 0.2)]
[Flatten]
[Dense(3)]
public partial class FoldedStridedConvNorm { }

// Weights over 1 MB: the product from column panels (from 16 rows), 1030 units leaving narrow last panels.
[Network]
[Input(256)]
[Dense(1030)]
[BatchNorm(Activation = Activation.ReLU)]
[Dense(3)]
public partial class FoldedPanelDenseNorm { }

// Small and smooth, for finite differences of the training pass of a network whose inference folds.
[Network]
[Input(5)]
[Dense(6)]
[BatchNorm(Activation = Activation.Tanh)]
[Dense(3)]
public partial class FoldedDenseNorm { }

// The folded convolution with its pooling in one pass, against the same layers kept apart by Dropout(0) (the folded
// direct convolution, then the pooling): the same sums, scales, shifts and comparisons.
[Network]
[Input(2, 10, 12)]
[Conv2D(9, 3)]
[BatchNorm(Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
public partial class FoldedPooledConv { }

[Network]
[Input(2, 10, 12)]
[Conv2D(9, 3)]
[BatchNorm(Activation = Activation.ReLU)]
[Dropout(0.0)]
[MaxPool2D(2)]
[Flatten]
public partial class FoldedConvThenPool { }
