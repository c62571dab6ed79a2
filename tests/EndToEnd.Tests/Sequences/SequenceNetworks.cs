using DslNet;

namespace DslNet.EndToEnd.Tests;

// Sequence networks for the recurrent tests. Sizes reach the vector tails (5, 6, 9 units: gate widths 20, 24, 9)
// and batches that are not multiples of the 4-row block.

[Network]
[SequenceInput(3)]
[Lstm(5, ReturnSequences = true)]
[Dense(2)]
public partial class LstmTagger { }

// 25 units: the gate passes' full vectors and every tail (Vector512 16 + 8 + 1, Vector256 3 × 8 + 1).
[Network]
[SequenceInput(3)]
[Lstm(25)]
[Dense(2)]
public partial class WideLstmClassifier { }

[Network]
[SequenceInput(4)]
[SimpleRnn(9)]
[Dense(3, Activation = Activation.Tanh)]
public partial class RnnRegressor { }

[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[SequenceInput]
[Embedding(7, 4)]
[Lstm(6, ReturnSequences = true)]
[Lstm(5)]
[Dense(3, Activation = Activation.Softmax)]
public partial class TokenLstmClassifier { }

[Network]
[SequenceInput]
[Embedding(5, 3)]
[SimpleRnn(4, ReturnSequences = true)]
[Dense(5, Activation = Activation.Softmax)]
public partial class TokenRnnTagger { }

[Network]
[SequenceInput(2)]
[Lstm(3, Stateful = true)]
public partial class StatefulLstm { }

// GRU: 5 units (gate width 15) per step, 25 units (every vector tail), and two stacked after an embedding.

[Network]
[SequenceInput(3)]
[Gru(5, ReturnSequences = true)]
[Dense(2)]
public partial class GruTagger { }

[Network]
[SequenceInput(3)]
[Gru(25)]
[Dense(2)]
public partial class WideGruClassifier { }

[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[SequenceInput]
[Embedding(7, 4)]
[Gru(6, ReturnSequences = true)]
[Gru(5)]
[Dense(3, Activation = Activation.Softmax)]
public partial class TokenGruClassifier { }

[Network]
[SequenceInput(2)]
[Gru(3, Stateful = true)]
public partial class StatefulGru { }

[Network]
[SequenceInput(1, 6, 6)]
[Conv2D(2, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Lstm(4)]
[Dense(3)]
public partial class ClipLstm { }

// LayerNorm on every step (first on the network input, so dInput runs through it) and on a vector.

[Network]
[SequenceInput(5)]
[LayerNorm]
[Dense(6, Activation = Activation.Tanh)]
[LayerNorm]
[Dense(3)]
public partial class NormTagger { }

[Network]
[SequenceInput(3)]
[Lstm(7)]
[LayerNorm]
[Dense(2)]
public partial class LstmNormClassifier { }

[Network]
[SequenceInput]
[Embedding(9, 6)]
[PositionalEncoding]
[LayerNorm]
[Dense(4)]
public partial class PositionalTagger { }

[Network]
[SequenceInput(5)]
[PositionalEncoding]
public partial class PositionCode { }

// Self-attention: on the network input (so dInput runs through it), and causal after an embedding, positions and a norm.

[Network]
[SequenceInput(6)]
[MultiHeadSelfAttention(2)]
[Dense(3)]
public partial class AttentionTagger { }

[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[SequenceInput]
[Embedding(7, 6)]
[PositionalEncoding]
[LayerNorm]
[MultiHeadSelfAttention(3, Causal = true)]
[Dense(7, Activation = Activation.Softmax)]
public partial class CausalAttentionModel { }

// Two transformer blocks: causal with a tanh feed-forward of 6, then open with the default ReLU one of 4·d = 16.

[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[SequenceInput]
[Embedding(7, 4)]
[PositionalEncoding]
[TransformerBlock(2, FeedForward = 6, Activation = Activation.Tanh, Causal = true)]
[TransformerBlock(1, Name = "top")]
[LayerNorm]
[Dense(7, Activation = Activation.Softmax)]
public partial class TinyTransformer { }

// A learned position table and a causal block on feature steps, so dInput runs back through the whole block; MaxLength is
// the theories' longest T (40), and the block states its model dimension.

[Network]
[SequenceInput(4)]
[PositionalEncoding(Learned = true, MaxLength = 40)]
[TransformerBlock(2, FeedForward = 6, Activation = Activation.Tanh, Causal = true, ModelDimension = 4)]
[Dense(3)]
public partial class LearnedPositionBlockTagger { }

[Network]
[SequenceInput(16)]
[PositionalEncoding(Learned = true, MaxLength = 64, Name = "positions")]
public partial class LearnedPositionCode { }

// LayerNorm in a plain (non-sequence) network: rows are samples.

[Network]
[Input(6)]
[LayerNorm]
public partial class PlainNorm { }

[Network]
[Input(6)]
[Dense(5, Activation = Activation.Tanh)]
[LayerNorm]
[Dense(3)]
public partial class PlainNormRegressor { }
