using DslNet;

namespace LongMemorySample;

// Three recurrent classifiers with the same shape: 8 features a step in, the state after the last step, 4 classes out.

[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[SequenceInput(RecallSequences.Features)]
[SimpleRnn(32)]
[Dense(RecallSequences.Classes, Activation = Activation.Softmax)]
public partial class RnnRecall { }

[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[SequenceInput(RecallSequences.Features)]
[Lstm(32)]
[Dense(RecallSequences.Classes, Activation = Activation.Softmax)]
public partial class LstmRecall { }

[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[SequenceInput(RecallSequences.Features)]
[Gru(32)]
[Dense(RecallSequences.Classes, Activation = Activation.Softmax)]
public partial class GruRecall { }
