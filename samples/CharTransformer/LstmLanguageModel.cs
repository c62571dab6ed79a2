using DslNet;

namespace CharTransformerSample;

// The recurrent baseline, CharLstm's layers at the transformer's size: a 32-float embedding, an LSTM of 140 units and a
// softmax at every step come to 108,125 parameters against the transformer's 108,481.
[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[SequenceInput]
[Embedding(65, 32)]
[Lstm(140, ReturnSequences = true)]
[Dense(65, Activation = Activation.Softmax)]
public partial class LstmLanguageModel { }
