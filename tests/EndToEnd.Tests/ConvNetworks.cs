using DslNet;

namespace DslNet.EndToEnd.Tests;

// Convolutional shapes that reach every emitted path: valid and same padding, stride 1 and 2,
// max and average pooling, stride smaller than the window, Flatten as a view, Dropout(0) in the chain.

[Network]
[Input(1, 8, 8)]
[Conv2D(3, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(5, Activation = Activation.Softmax)]
public partial class SmallCnn { }

// A residual network's head: same-padded convolution, then each channel's mean over 5×7 positions (not a multiple of
// any vector width), then the classifier.
[Network]
[Input(2, 5, 7)]
[Conv2D(6, 3, Padding = Padding.Same, Activation = Activation.Tanh)]
[GlobalAveragePool2D]
[Dense(4, Activation = Activation.Softmax)]
public partial class GlobalPoolCnn { }

// A decoder's growth: a 2×3 map upsampled by 3 (rows of 9, not a vector width), then convolved again.
[Network]
[Input(2, 3, 4)]
[Conv2D(3, 2, Activation = Activation.Tanh)]
[Upsample2D(3)]
[Conv2D(2, 3, Activation = Activation.Tanh)]
[Flatten]
[Dense(3)]
public partial class UpsampleCnn { }

// A decoder's learned growth: stride 2 with padding 1 (3×4 → 5×7, cropped), then stride 1 (kernel 2, no crop), each
// output position reached by a different number of taps.
[Network]
[Input(3, 3, 4)]
[ConvTranspose2D(4, 3, Stride = 2, Padding = 1, Activation = Activation.ReLU)]
[ConvTranspose2D(2, 2, Activation = Activation.Tanh)]
[Flatten]
[Dense(3)]
public partial class TransposedCnn { }

// Stride 3 past a kernel of 2: every third row and column of the output is reached by no input (bias only).
[Network]
[Input(2, 3, 3)]
[ConvTranspose2D(3, 2, Stride = 3, Activation = Activation.Sigmoid)]
[Flatten]
[Dense(2)]
public partial class TransposedGaps { }

// PyTorch's integer padding: kernel 2 with a zero on each side (6×7 → 7×8), then kernel 3, stride 2, padding 1
// (7×8 → 4×4, the last padded column past the final window); neither is valid or same padding.
[Network]
[Input(2, 6, 7)]
[Conv2D(4, 2, PaddingSize = 1, Activation = Activation.Tanh)]
[Conv2D(3, 3, Stride = 2, PaddingSize = 1, Activation = Activation.ReLU)]
[Flatten]
[Dense(3)]
public partial class PaddedCnn { }

[Network]
[Input(2, 7, 9)]
[Conv2D(4, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.Tanh)]
[AvgPool2D(2, Stride = 1)]
[Flatten]
[Dense(3)]
public partial class StridedSameCnn { }

[Network]
[Input(3, 6, 6)]
[Conv2D(5, 3, Padding = Padding.Same, Activation = Activation.Sigmoid)]
[Conv2D(17, 2, Activation = Activation.ReLU)]
[Flatten]
[Dropout(0.0)]
[Dense(2, Activation = Activation.Sigmoid)]
public partial class ConvChain { }

[Network]
[Input(6)]
[Dense(40, Activation = Activation.ReLU)]
[Dropout(0.5)]
[Dense(3)]
public partial class DropoutMlp { }

/// <summary>No parameters at all: pooling and flatten only.</summary>
[Network]
[Input(2, 6, 6)]
[MaxPool2D(3)]
[Flatten]
public partial class PoolOnly { }

/// <summary>2×2 max pooling on rows wide enough for the vector path, with a width that is not a multiple of 8.</summary>
[Network]
[Input(3, 20, 22)]
[MaxPool2D(2)]
[Flatten]
public partial class WidePool { }

// Row widths for every grouping of the vectorised 2×2 max pooling (Pooling.MaxForward in the runtime): 17 = two eights in a loop
// and a four, 8 = one eight, 7 = two overlapping fours, 3 = scalar, 12 = an eight and a four, 6 = two fours, 4 = one
// four. Odd sizes drop their last row or column, as W2's 11×11 → 5×5 does.
#pragma warning disable DN0021
/// <summary>Pooled widths 17 then 8.</summary>
[Network]
[Input(2, 11, 34)]
[MaxPool2D(2)]
[MaxPool2D(2)]
[Flatten]
public partial class PoolWidths17And8 { }

/// <summary>Pooled widths 7 then 3.</summary>
[Network]
[Input(3, 9, 14)]
[MaxPool2D(2)]
[MaxPool2D(2)]
[Flatten]
public partial class PoolWidths7And3 { }

/// <summary>Pooled widths 12 then 6.</summary>
[Network]
[Input(1, 8, 24)]
[MaxPool2D(2)]
[MaxPool2D(2)]
[Flatten]
public partial class PoolWidths12And6 { }

/// <summary>Pooled width 4 from an odd width.</summary>
[Network]
[Input(2, 8, 9)]
[MaxPool2D(2)]
[Flatten]
public partial class PoolWidth4 { }
#pragma warning restore DN0021

// The direct convolution of inference (DirectConv2DEmitter: stride 1, no padding, output rows of 8 or more):
// 36 columns = four vectors and a fifth overlapping one (two row chunks), 5 filters = blocks of 2, 2, 1 and one of 5;
// 10 columns = two overlapping vectors, 7 filters = 4 + 3, an even kernel and Tanh after the store; 8 columns = one
// vector, 16 filters = two blocks of 8, Tanh. Same padding after it stays on im2col.

/// <summary>Direct convolution with two row chunks and a filter tail.</summary>
[Network]
[Input(3, 9, 38)]
[Conv2D(5, 3, Activation = Activation.ReLU)]
[Flatten]
[Dense(3)]
public partial class DirectConvWide { }

/// <summary>Direct convolution with an even kernel and Tanh, then a same-padded convolution on im2col.</summary>
[Network]
[Input(2, 12, 13)]
[Conv2D(7, 4, Activation = Activation.Tanh)]
[Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Flatten]
[Dense(2, Activation = Activation.Softmax)]
public partial class DirectConvEvenKernel { }

/// <summary>Direct convolution one vector wide, Tanh (so not fused with the pooling), into the four-wide pooling.</summary>
[Network]
[Input(1, 10, 10)]
[Conv2D(16, 3, Activation = Activation.Tanh)]
[MaxPool2D(2)]
[Flatten]
[Dense(2, Activation = Activation.Sigmoid)]
public partial class DirectConvNarrow { }

// A convolution (stride 1, no padding, 8 filters or more, ReLU or linear) and the 2×2 max pooling after it run at
// inference as one pass vectorised over the filters (PooledConv2DEmitter): 12 filters = a vector and one overlapping it
// by four; 24 = a group of two vectors, then one alone that takes two pooled positions a block, with a one-position tail
// on 5-wide pooled rows; 9 = a vector overlapping the first by seven. Odd convolution outputs drop their last row or
// column in the pooling, which the fused pass never computes. The FashionMnist sample's FashionCnn (W2) is fused twice.
#pragma warning disable DN0021
/// <summary>Fused: 3 channels, 12 filters (an overlapping vector), ReLU, 10×13 → 5×6.</summary>
[Network]
[Input(3, 12, 15)]
[Conv2D(12, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(3)]
public partial class PooledConvOverlap { }

/// <summary>Fused: 2 channels, 24 filters (two vector groups), an even kernel, linear, 10×11 → 5×5.</summary>
[Network]
[Input(2, 11, 12)]
[Conv2D(24, 2)]
[MaxPool2D(2)]
[Flatten]
[Dense(2, Activation = Activation.Softmax)]
public partial class PooledConvGroups { }

/// <summary>Fused: 9 filters (overlap of seven), ReLU, 5×5 → 2×2.</summary>
[Network]
[Input(1, 7, 7)]
[Conv2D(9, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(4, Activation = Activation.Tanh)]
public partial class PooledConvNine { }
#pragma warning restore DN0021

// The fused pass against the layers it replaces: the same convolution and pooling with Dropout(0) between them, which
// keeps them apart (the direct convolution, then the pooling without arg-max) and changes no value at inference.
#pragma warning disable DN0021
/// <summary>Fused: 12 filters, ReLU, 10×13 → 5×6.</summary>
[Network]
[Input(3, 12, 15)]
[Conv2D(12, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
public partial class FusedConvPool { }

/// <summary>FusedConvPool's layers kept apart by Dropout(0).</summary>
[Network]
[Input(3, 12, 15)]
[Conv2D(12, 3, Activation = Activation.ReLU)]
[Dropout(0.0)]
[MaxPool2D(2)]
[Flatten]
public partial class SeparateConvPool { }
#pragma warning restore DN0021
