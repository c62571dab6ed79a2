using DslNet;

namespace DslNet.EndToEnd.Tests;

// Sequence networks that branch and merge. Their references in SequenceCase mirror them with SequenceStage.Reading.

// Two residual connections around recurrent layers: the input is read by the LSTM and by the first Add (so dInput is
// summed from two readers); the projection's tanh output is read by the GRU and by the second Add, so its gradient is
// the sum of both before the tanh backward.
[Network]
[SequenceInput(4)]
[Lstm(4, ReturnSequences = true, Name = "lstm")]
[Add("input", "lstm", Name = "residual")]
[Dense(5, Activation = Activation.Tanh, Name = "projection")]
[Gru(5, ReturnSequences = true, Name = "gru")]
[Add("projection", "gru", Activation = Activation.ReLU, Name = "block")]
[Dense(2)]
public partial class ResidualLstmTagger { }

// Two recurrent branches over the same input, joined along the features of every step.
[Network]
[SequenceInput(3)]
[Lstm(4, ReturnSequences = true, Name = "left")]
[Gru(3, ReturnSequences = true, From = "input", Name = "right")]
[Concatenate("left", "right")]
[Dense(2)]
public partial class TwoBranchTagger { }

// Two recurrent branches' last states joined into one vector, the vector a softmax head reads.
[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[SequenceInput(3)]
[Lstm(4, Name = "left")]
[SimpleRnn(3, From = "input", Name = "right")]
[Concatenate("left", "right")]
[Dense(3, Activation = Activation.Softmax)]
public partial class LastStatesClassifier { }

// An embedding read by three layers: an LSTM, a per-step Dense beside it, and the concatenation of all three, which a
// second LSTM reads (so the merged steps past each length reach a recurrent layer, which must ignore them).
[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[SequenceInput]
[Embedding(7, 4, Name = "embedding")]
[Lstm(4, ReturnSequences = true, Name = "context")]
[Dense(3, Activation = Activation.ReLU, From = "embedding", Name = "skip")]
[Concatenate("context", "skip", "embedding", Name = "joined")]
[Lstm(3)]
[Dense(3, Activation = Activation.Softmax)]
public partial class EmbeddingFanOutClassifier { }

// A residual connection around self-attention written out with Add (as a transformer block has inside), so the
// attention's input gradient and the Add's are summed at the LayerNorm's output, and the keys past each length are
// masked on a merged tensor.
[Network]
[SequenceInput(6)]
[LayerNorm(Name = "norm")]
[MultiHeadSelfAttention(2, Name = "attention")]
[Add("norm", "attention")]
[Dense(3)]
public partial class AttentionResidualTagger { }

// Two convolutions over every frame of a clip, joined along the channels of each frame, then pooled, flattened and read
// by an Lstm.
[Network]
[SequenceInput(1, 6, 6)]
[Conv2D(2, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "narrow")]
[Conv2D(1, 1, Activation = Activation.Tanh, From = "input", Name = "point")]
[Concatenate("narrow", "point")]
[MaxPool2D(2)]
[Flatten]
[Lstm(4)]
[Dense(3)]
public partial class FrameBranchesLstm { }

// A stateful Lstm inside a residual connection: the carried state is the layer's own, whatever reads its output.
[Network]
[SequenceInput(2)]
[Lstm(2, ReturnSequences = true, Stateful = true, Name = "lstm")]
[Add("input", "lstm")]
public partial class StatefulResidualLstm { }
