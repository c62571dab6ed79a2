using System.Collections.Generic;

namespace DslNet.Checks;

/// <summary>
/// Every rule DslNet checks, with its stable id. Ids are never reused; a new rule takes the next number.
/// Messages name the layer (declared name, or kind and index) and the shapes involved.
/// </summary>
internal static class ProblemCatalogue
{
    public static readonly ProblemDescriptor NoInput = new(
        "DN0001", "Network has no input",
        "Network '{0}' declares no input; the first layer needs the shape of one sample, for example {1}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor NonPositiveSize = new(
        "DN0002", "Size must be positive",
        "{0}: {1} must be a positive number, got {2}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor RankMismatch = new(
        "DN0003", "Layer receives the wrong rank",
        "{0} expects {1}, but receives shape {2}{3}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor SoftmaxNotLast = new(
        "DN0004", "Softmax before the last layer",
        "{0} uses Activation.Softmax, which is allowed only on the last layer; it is followed by {1}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor NotPartial = new(
        "DN0005", "Network class must be partial",
        "Class '{0}' has [Network] but is not declared 'partial'; the generator cannot add its code",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor GenericNetwork = new(
        "DN0006", "Network class cannot be generic",
        "Class '{0}' has [Network] but is generic; a network's sizes must be fixed at compile time",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor NestedInNonPartial = new(
        "DN0007", "Network nested in a non-partial type",
        "Class '{0}' is nested in '{1}', which is not 'partial'; declare every containing type partial",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor SplitDeclaration = new(
        "DN0008", "Layers spread over several partial declarations",
        "Network '{0}' has layer attributes on {1} partial declarations; their order is undefined, keep them on one",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor SeveralInputs = new(
        "DN0009", "More than one input",
        "Network '{0}' declares [Input] {1} times; declare exactly one",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor NoLayers = new(
        "DN0010", "Network has no layers",
        "Network '{0}' declares an input but no layers after it",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor UnknownActivation = new(
        "DN0011", "Unknown activation",
        "{0}: activation value {1} is not one of Linear, ReLU, Sigmoid, Tanh, Softmax",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor InvalidName = new(
        "DN0012", "Invalid or duplicate layer name",
        "{0}: the name '{1}' {2}; a layer name is a C# identifier (letters, digits, '_'), unique in the network",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor LossNeedsClasses = new(
        "DN0013", "Softmax cross-entropy needs a class dimension",
        "Loss SoftmaxCrossEntropy needs an output of at least 2 classes from Softmax or Linear (logits), but {0} outputs {1} with {2}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor LossNeedsProbabilities = new(
        "DN0014", "Binary cross-entropy needs outputs in (0, 1)",
        "Loss BinaryCrossEntropy needs outputs in (0, 1) from Sigmoid, or logits from Linear, but {0} uses {1}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor DslSyntax = new(
        "DN0015", "Syntax error in a .dnn file",
        "{0}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor DslUnknownName = new(
        "DN0016", "Unknown name in a .dnn file",
        "Unknown {0} '{1}'; expected one of: {2}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor DslMissingNetwork = new(
        "DN0017", "A .dnn file names no network",
        "{0} has no 'network <Namespace.ClassName>' line; it names the class the code is generated into",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor UnknownLoss = new(
        "DN0018", "Unknown loss",
        "Loss value {0} is not one of None, MeanSquaredError, BinaryCrossEntropy, SoftmaxCrossEntropy",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor DslDuplicateNetwork = new(
        "DN0019", "Two .dnn files name the same class",
        "'{0}' is also declared by {1}; each .dnn file must name its own class",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor WindowTooLarge = new(
        "DN0020", "Kernel or pooling window larger than its input",
        "{0}: the {1} window {2}×{2} is larger than its input {3} (height × width {4}×{5}){6}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor DroppedRowsOrColumns = new(
        "DN0021", "Stride leaves rows or columns unused",
        "{0}: window {1} with stride {2} over {3} leaves the last {4} row(s) and {5} column(s) unused; the output is {6}",
        ProblemSeverity.Warning);

    public static readonly ProblemDescriptor RateOutOfRange = new(
        "DN0022", "Rate out of range",
        "{0}: the dropout rate must be in [0, 1), got {1}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor SoftmaxOnFeatureMap = new(
        "DN0023", "Softmax on a feature map",
        "{0} uses Activation.Softmax on a feature map {1}; softmax is supported on Dense outputs only (use Linear logits here)",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor TooLarge = new(
        "DN0024", "Tensor too large",
        "{0}: {1} would hold {2:N0} floats; DslNet allows at most {3:N0} {4}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor NeedsSequence = new(
        "DN0025", "Recurrent layer needs a sequence of vectors",
        "{0} expects a sequence of feature vectors [time, features], but receives {1}{2}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor NeedsTokenIds = new(
        "DN0026", "Embedding needs a sequence of token ids",
        "{0} expects a sequence of token ids [time], but receives {1}{2}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor NeedsStepVectors = new(
        "DN0027", "Layer needs a sequence of vectors",
        "{0} expects a sequence of vectors [time, d], but receives {1}{2}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor HeadsDoNotDivide = new(
        "DN0028", "Model dimension not divisible by the heads",
        "{0} splits the model dimension {1} into {2} heads, but {1} is not a multiple of {2}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor PositionalMaxLength = new(
        "DN0029", "MaxLength goes with a learned positional encoding",
        "{0}: {1}; a learned encoding trains one row of d parameters per position up to MaxLength, the sinusoidal one has no maximum, so {2}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor ModelDimensionMismatch = new(
        "DN0030", "Model dimension does not match the input",
        "{0} is declared for model dimension {1}, but receives {2}, {3} features per step; {4}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor UnsupportedClassKind = new(
        "DN0031", "Network class kind not supported",
        "Class '{0}' has [Network] but {1}; a network is a plain 'partial class' (sealed or not) that the generated code can construct and copy: not static, not abstract, not a record, without a primary constructor",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor DeclaredTwice = new(
        "DN0032", "Network declared both in a .dnn file and with attributes",
        "'{0}' is declared both by {1} and by the [Network] class in {2}; declare each network once, either in a .dnn file or with attributes",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor UnknownLayerName = new(
        "DN0033", "Unknown layer name",
        "{0} reads '{1}', but the network has no layer of that name; the names it can read are {2}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor ReadsLaterLayer = new(
        "DN0034", "Layer reads itself or a later layer",
        "{0} reads '{1}', {2}; a layer reads the input or a layer declared before it, so a network has no cycles",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor AddShapeMismatch = new(
        "DN0035", "Add of different shapes",
        "{0} adds {1} from {2} and {3} from {4}; every input of Add must have the same shape{5}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor ConcatenateShapeMismatch = new(
        "DN0036", "Concatenate of shapes that differ besides the joined axis",
        "{0} joins its inputs along the {1}, so their other dimensions must match, but {2} outputs {3} and {4} outputs {5}{6}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor UnreadOutput = new(
        "DN0037", "Layer output read by no layer",
        "{0}: no layer reads its output and it is not the network's output (the last layer), so it does not affect the result; name it in a later layer's From, Add or Concatenate, or remove it",
        ProblemSeverity.Warning);

    public static readonly ProblemDescriptor MergeNeedsInputs = new(
        "DN0038", "Merge layer with fewer than two inputs",
        "{0} merges {1}; it needs the names of at least two layers, as in {2}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor MergeAcrossTime = new(
        "DN0039", "Merge of a sequence with a vector or token ids",
        "{0} merges {1} from {2} with {3} from {4}; {5}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor TransposedPadding = new(
        "DN0040", "Transposed convolution's padding out of range",
        "{0}: padding {1} with input {2} gives an output of {3}×{4}; the padding must be at least 0 and leave at least 1×1 ((side − 1)·stride − 2·padding + kernel)",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor UnknownPadding = new(
        "DN0041", "Unknown padding",
        "{0}: padding value {1} is not one of Valid, Same",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor NormalisationSetting = new(
        "DN0042", "Batch normalisation setting out of range",
        "{0}: the {1} must be {3}, got {2}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor NegativePaddingSize = new(
        "DN0043", "Negative convolution padding",
        "{0}: PaddingSize is the number of zero rows and columns on each side, at least 0, got {1}",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor PaddingGivenTwice = new(
        "DN0044", "Padding and PaddingSize both given",
        "{0}: Padding = {1} and PaddingSize = {2} are both given; keep Padding (Valid or Same, as in Keras) or PaddingSize (zeros on each side, PyTorch's padding=p), not both",
        ProblemSeverity.Error);

    public static readonly ProblemDescriptor PaddedOutputEmpty = new(
        "DN0045", "Kernel larger than its padded input",
        "{0}: the kernel {1}×{1} over {2} padded by {3} on each side ({4}×{5}) gives an output of {6}×{7}; the padded input must be at least as large as the kernel: raise PaddingSize or use a smaller kernel",
        ProblemSeverity.Error);

    public static IReadOnlyList<ProblemDescriptor> All { get; } = new[]
    {
        NoInput, NonPositiveSize, RankMismatch, SoftmaxNotLast, NotPartial, GenericNetwork,
        NestedInNonPartial, SplitDeclaration, SeveralInputs, NoLayers, UnknownActivation, InvalidName,
        LossNeedsClasses, LossNeedsProbabilities, DslSyntax, DslUnknownName, DslMissingNetwork, UnknownLoss,
        DslDuplicateNetwork, WindowTooLarge, DroppedRowsOrColumns, RateOutOfRange, SoftmaxOnFeatureMap,
        TooLarge, NeedsSequence, NeedsTokenIds, NeedsStepVectors, HeadsDoNotDivide, PositionalMaxLength,
        ModelDimensionMismatch, UnsupportedClassKind, DeclaredTwice, UnknownLayerName, ReadsLaterLayer, AddShapeMismatch,
        ConcatenateShapeMismatch, UnreadOutput, MergeNeedsInputs, MergeAcrossTime,
        TransposedPadding, UnknownPadding, NormalisationSetting, NegativePaddingSize, PaddingGivenTwice, PaddedOutputEmpty,
    };
}
