using DslNet;

namespace ReverseDigitsSample;

/// <summary>
/// A decoder-only transformer over "d₁ … dₙ | dₙ … d₂": each token becomes a 32-float vector plus its sinusoidal
/// position, two causal blocks (4 heads of 8, feed-forward 128 ReLU) let every step look back at the steps before it,
/// and a softmax over the ten digits predicts the next token. The number of time steps (2n) is set at construction.
/// </summary>
[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[SequenceInput]
[Embedding(Reversals.Vocabulary, 32)]
[PositionalEncoding]
[TransformerBlock(4, Causal = true)]
[TransformerBlock(4, Causal = true)]
[LayerNorm]
[Dense(Reversals.Digits, Activation = Activation.Softmax)]
public partial class SequenceReverser { }
