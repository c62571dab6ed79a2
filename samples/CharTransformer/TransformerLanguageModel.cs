using DslNet;

namespace CharTransformerSample;

// A decoder-only transformer over characters: each of the 65 characters becomes a 64-float vector plus its sinusoidal
// position, two causal blocks (4 heads of 16, feed-forward 256 ReLU, pre-norm, residual) let every step attend to the
// steps before it, and after a final LayerNorm a softmax predicts the next character at every step.
[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[SequenceInput]
[Embedding(65, 64)]
[PositionalEncoding]
[TransformerBlock(4, Causal = true)]
[TransformerBlock(4, Causal = true)]
[LayerNorm]
[Dense(65, Activation = Activation.Softmax)]
public partial class TransformerLanguageModel { }
