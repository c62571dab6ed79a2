using DslNet;

namespace CharLstmSample;

// The language model: each character id becomes a 32-float vector, an LSTM of 512 units reads the sequence, and a
// softmax over the 65 characters of tiny Shakespeare predicts the next character at every step.
[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[SequenceInput]
[Embedding(65, 32)]
[Lstm(512, ReturnSequences = true)]
[Dense(65, Activation = Activation.Softmax)]
public partial class CharModel { }

// The same layers with a stateful LSTM: the generator feeds one character at a time and the state carries the
// context. Its parameter layout equals CharModel's, so trained parameters copy straight across.
[Network]
[SequenceInput]
[Embedding(65, 32)]
[Lstm(512, ReturnSequences = true, Stateful = true)]
[Dense(65, Activation = Activation.Softmax)]
public partial class CharGenerator { }

// --cell gru: the same model with PyTorch's GRU of 512 units (three gate blocks where the LSTM has four), and its
// stateful twin for generation.
[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[SequenceInput]
[Embedding(65, 32)]
[Gru(512, ReturnSequences = true)]
[Dense(65, Activation = Activation.Softmax)]
public partial class CharGruModel { }

[Network]
[SequenceInput]
[Embedding(65, 32)]
[Gru(512, ReturnSequences = true, Stateful = true)]
[Dense(65, Activation = Activation.Softmax)]
public partial class CharGruGenerator { }
