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

// Three Lstm layers deep, after a per-step projection of the 8 features to the Lstm's 32: first as a plain stack, then
// with a residual connection around each of the first two (x + lstm(x), as in deep recurrent translation models), so
// the gradient reaches the lower layers through the sums as well as through the recurrences.

[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[SequenceInput(RecallSequences.Features)]
[Dense(32, Name = "projection")]
[Lstm(32, ReturnSequences = true)]
[Lstm(32, ReturnSequences = true)]
[Lstm(32)]
[Dense(RecallSequences.Classes, Activation = Activation.Softmax)]
public partial class StackedLstmRecall { }

[Network(Loss = LossKind.SoftmaxCrossEntropy)]
[SequenceInput(RecallSequences.Features)]
[Dense(32, Name = "projection")]
[Lstm(32, ReturnSequences = true, Name = "lstm1")]
[Add("projection", "lstm1", Name = "block1")]
[Lstm(32, ReturnSequences = true, Name = "lstm2")]
[Add("block1", "lstm2", Name = "block2")]
[Lstm(32)]
[Dense(RecallSequences.Classes, Activation = Activation.Softmax)]
public partial class ResidualLstmRecall { }
