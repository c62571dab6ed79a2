using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using DslNet.Model;

namespace DslNet.Checks;

/// <summary>
/// Walks a network's layers once, computing each layer's input and output shape and collecting
/// every problem on the way. It never throws on a bad declaration: it reports and goes on where it
/// can, so one build shows all the errors.
/// </summary>
internal static class ShapeInference
{
    /// <summary>
    /// The most floats one sample of a tensor, or one layer's parameters, may hold: every size then stays a
    /// positive int in the generated code even multiplied by a batch of a few hundred.
    /// </summary>
    public const long MaxElements = 1L << 24;

    private const string PerLayer = "per sample and per layer";

    /// <summary>A network from a .dnn file: hints then show the text syntax (<c>input 64</c>), not the attributes.</summary>
    private static bool IsText(NetworkSpec network) => network.Location.Path.EndsWith(".dnn", StringComparison.OrdinalIgnoreCase);

    public static ShapeInferenceResult Infer(NetworkSpec network)
    {
        var problems = new List<Problem>();
        var layers = new List<LayerShape>();

        Shape? input = CheckInput(network, problems);
        CheckNames(network, problems);
        if (network.Inputs.Count > 0 && network.Layers.Count == 0)
        {
            problems.Add(ProblemCatalogue.NoLayers.At(network.Location, network.Name));
        }

        Shape? current = input;
        for (int i = 0; i < network.Layers.Count; i++)
        {
            var layer = network.Layers[i];
            LayerSpec? next = i + 1 < network.Layers.Count ? network.Layers[i + 1] : null;
            Shape? output = layer switch
            {
                DenseSpec dense => TimeDistributed(current, InferDense(dense, current, next, problems)),
                Conv2DSpec conv => TimeDistributed(current, InferConv2D(conv, current, next, FeatureMapHint(network, i), problems)),
                Pool2DSpec pool => TimeDistributed(current, InferPool2D(pool, current, FeatureMapHint(network, i), problems)),
                FlattenSpec => current is null ? null : TimeDistributed(current, new Shape(current.Size)),
                DropoutSpec dropout => InferDropout(dropout, current, problems),
                EmbeddingSpec embedding => InferEmbedding(embedding, current, problems),
                RecurrentSpec recurrent => InferRecurrent(recurrent, current, problems),
                LayerNormSpec layerNorm => InferLayerNorm(layerNorm, current, problems),
                AttentionSpec attention => InferAttention(attention, current, network.Layers, i, problems),
                TransformerBlockSpec block => InferTransformerBlock(block, current, network.Layers, i, problems),
                PositionalEncodingSpec positional => InferPositionalEncoding(positional, current, problems),
                _ => throw new InvalidOperationException("No shape rule for layer kind " + layer.Kind),
            };
            if (output is not null && output.LongSize > MaxElements)
            {
                problems.Add(ProblemCatalogue.TooLarge.At(layer.Location, Describe(layer), $"the output {output}", output.LongSize, MaxElements, PerLayer));
                output = null;
            }
            if (current is not null && output is not null)
            {
                long parameters = ParameterCount(layer, current, output);
                if (parameters > MaxElements)
                {
                    problems.Add(ProblemCatalogue.TooLarge.At(layer.Location, Describe(layer), "the weights", parameters, MaxElements, PerLayer));
                    output = null;
                }
                else
                {
                    layers.Add(new LayerShape(layer, current, output, (int)parameters));
                }
            }
            current = output;
        }

        if (layers.Sum(l => (long)l.ParameterCount) > MaxElements)
        {
            problems.Add(ProblemCatalogue.TooLarge.At(network.Location, $"Network '{network.Name}'", "all its layers' weights together", layers.Sum(l => (long)l.ParameterCount), MaxElements,
                "in a whole network, all its layers together (each of these layers fits on its own)"));
        }
        if (layers.Count == network.Layers.Count && layers.Count > 0)
        {
            CheckLoss(network, layers[layers.Count - 1], problems);
        }
        return new ShapeInferenceResult(input, layers.ToEquatableArray(), problems.ToEquatableArray());
    }

    /// <summary>The activation the network's output comes out of: Flatten is a view and passes it through.</summary>
    private static Activation LastActivation(NetworkSpec network)
    {
        for (int i = network.Layers.Count - 1; i >= 0; i--)
        {
            switch (network.Layers[i])
            {
                case DenseSpec dense: return dense.Activation;
                case Conv2DSpec conv: return conv.Activation;
                // A recurrent layer's tanh is part of its recurrence, not an output activation a loss could fuse.
                case Pool2DSpec or DropoutSpec or EmbeddingSpec or RecurrentSpec or LayerNormSpec or PositionalEncodingSpec or AttentionSpec or TransformerBlockSpec: return Activation.Linear;
            }
        }
        return Activation.Linear;
    }

    private static void CheckLoss(NetworkSpec network, LayerShape last, List<Problem> problems)
    {
        var activation = LastActivation(network);
        var location = network.LossLocation.IsNone ? network.Location : network.LossLocation;
        switch (network.Loss)
        {
            case LossKind.None:
            case LossKind.MeanSquaredError:
                break;
            case LossKind.SoftmaxCrossEntropy when last.Output.Rank != 1 || last.Output.Size < 2 || activation is not (Activation.Softmax or Activation.Linear):
                problems.Add(ProblemCatalogue.LossNeedsClasses.At(location, Describe(last.Layer), last.Output, activation));
                break;
            case LossKind.BinaryCrossEntropy when activation is not (Activation.Sigmoid or Activation.Linear):
                problems.Add(ProblemCatalogue.LossNeedsProbabilities.At(location, Describe(last.Layer), activation));
                break;
            case LossKind.SoftmaxCrossEntropy:
            case LossKind.BinaryCrossEntropy:
                break;
            default:
                problems.Add(ProblemCatalogue.UnknownLoss.At(location, (int)network.Loss));
                break;
        }
    }

    /// <summary><c>dense2 (Dense #2)</c>, or <c>Dense #2</c> when the layer has no declared name.</summary>
    public static string Describe(LayerSpec layer) =>
        layer.DeclaredName is null ? $"{layer.Kind} #{layer.Index}" : $"'{layer.DeclaredName}' ({layer.Kind} #{layer.Index})";

    private static Shape? CheckInput(NetworkSpec network, List<Problem> problems)
    {
        if (network.Inputs.Count == 0)
        {
            problems.Add(ProblemCatalogue.NoInput.At(network.Location, network.Name, IsText(network) ? "'input 64'" : "[Input(64)]"));
            return null;
        }
        if (network.Inputs.Count > 1)
        {
            problems.Add(ProblemCatalogue.SeveralInputs.At(network.Inputs[1].Location, network.Name, network.Inputs.Count));
        }

        var declared = network.Inputs[0];
        if (declared.Dimensions.Count == 0 && !declared.IsSequence)
        {
            problems.Add(ProblemCatalogue.NonPositiveSize.At(declared.Location, "Input", "the shape", "no dimensions"));
            return null;
        }
        bool valid = true;
        for (int d = 0; d < declared.Dimensions.Count; d++)
        {
            if (declared.Dimensions[d] <= 0)
            {
                problems.Add(ProblemCatalogue.NonPositiveSize.At(
                    declared.Location, "Input", $"dimension {d}", declared.Dimensions[d]));
                valid = false;
            }
        }
        var shape = new Shape(declared.Dimensions, declared.IsSequence);
        if (valid && shape.LongSize > MaxElements)
        {
            problems.Add(ProblemCatalogue.TooLarge.At(declared.Location, "Input", $"the shape {shape}", shape.ExactSize, MaxElements, PerLayer));
            return null;
        }
        return valid ? shape : null;
    }

    private static void CheckNames(NetworkSpec network, List<Problem> problems)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var layer in network.Layers)
        {
            if (layer.DeclaredName is { } name && !IsIdentifier(name))
            {
                problems.Add(ProblemCatalogue.InvalidName.At(layer.Location, Describe(layer), name, "is not an identifier"));
            }
            else if (!seen.Add(layer.Name))
            {
                problems.Add(ProblemCatalogue.InvalidName.At(layer.Location, Describe(layer), layer.Name, "is already used"));
            }
        }
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_')) return false;
        foreach (char c in name)
        {
            if (!(c < 128 && (char.IsLetterOrDigit(c) || c == '_'))) return false;
        }
        return true;
    }

    private static Shape? InferDense(DenseSpec dense, Shape? input, LayerSpec? next, List<Problem> problems)
    {
        bool valid = true;
        if (dense.Units <= 0)
        {
            problems.Add(ProblemCatalogue.NonPositiveSize.At(dense.UnitsLocation, Describe(dense), "units", dense.Units));
            valid = false;
        }
        if (!Enum.IsDefined(typeof(Activation), dense.Activation))
        {
            problems.Add(ProblemCatalogue.UnknownActivation.At(dense.Location, Describe(dense), (int)dense.Activation));
            valid = false;
        }
        if (dense.Activation == Activation.Softmax && next is not null)
        {
            problems.Add(ProblemCatalogue.SoftmaxNotLast.At(dense.Location, Describe(dense), Describe(next)));
        }
        if (input is not null && input.Rank != 1)
        {
            problems.Add(ProblemCatalogue.RankMismatch.At(
                dense.Location, Describe(dense), "a vector (rank 1)", input,
                input.Rank > 1 ? "; add [Flatten] before it" : string.Empty));
            valid = false;
        }
        return valid ? new Shape(dense.Units) : null;
    }

    private static Shape? InferConv2D(Conv2DSpec conv, Shape? input, LayerSpec? next, string vectorHint, List<Problem> problems)
    {
        bool valid = Positive(conv, "filters", conv.Filters, conv.FiltersLocation, problems)
            & Positive(conv, "the kernel size", conv.KernelSize, conv.KernelLocation, problems)
            & Positive(conv, "the stride", conv.Stride, conv.Location, problems);
        if (!Enum.IsDefined(typeof(Activation), conv.Activation))
        {
            problems.Add(ProblemCatalogue.UnknownActivation.At(conv.Location, Describe(conv), (int)conv.Activation));
            valid = false;
        }
        if (!valid || !NeedsFeatureMap(conv, input, vectorHint, problems)) return null;
        int height = input!.Dimensions[1], width = input.Dimensions[2];
        Shape output;
        if (conv.Padding == Padding.Same)
        {
            output = new Shape(conv.Filters, CeilingDivide(height, conv.Stride), CeilingDivide(width, conv.Stride));
        }
        else
        {
            output = new Shape(conv.Filters, (height - conv.KernelSize) / conv.Stride + 1, (width - conv.KernelSize) / conv.Stride + 1);
            if (!CheckWindow(conv, "kernel", conv.KernelSize, conv.Stride, input, output, problems)) return null;
        }
        // Exact: with Padding.Same the kernel is not bounded by the input, and kernel² alone can exceed a long.
        var unrolled = (BigInteger)input.Dimensions[0] * conv.KernelSize * conv.KernelSize * output.Dimensions[1] * output.Dimensions[2];
        if (unrolled > MaxElements)
        {
            problems.Add(ProblemCatalogue.TooLarge.At(conv.Location, Describe(conv), "the unrolled input (channels × kernel² × output positions)", unrolled, MaxElements, PerLayer));
            return null;
        }
        if (conv.Activation == Activation.Softmax)
        {
            problems.Add(ProblemCatalogue.SoftmaxOnFeatureMap.At(conv.Location, Describe(conv), output));
        }
        return output;
    }

    /// <summary>⌈<paramref name="size"/> / <paramref name="stride"/>⌉ in long arithmetic: size + stride − 1 overflows an int for a large stride.</summary>
    private static int CeilingDivide(int size, int stride) => (int)(((long)size + stride - 1) / stride);

    private static Shape? InferPool2D(Pool2DSpec pool, Shape? input, string vectorHint, List<Problem> problems)
    {
        bool valid = Positive(pool, "the pool size", pool.PoolSize, pool.SizeLocation, problems)
            & Positive(pool, "the stride", pool.Stride, pool.Location, problems);
        if (!valid || !NeedsFeatureMap(pool, input, vectorHint, problems)) return null;
        var output = new Shape(input!.Dimensions[0], (input.Dimensions[1] - pool.PoolSize) / pool.Stride + 1, (input.Dimensions[2] - pool.PoolSize) / pool.Stride + 1);
        return CheckWindow(pool, "pooling", pool.PoolSize, pool.Stride, input, output, problems) ? output : null;
    }

    /// <summary>
    /// Layers that work on one sample (Dense, Conv2D, pooling, Flatten) apply to every time step of a sequence,
    /// with the same parameters at each step, as Keras' TimeDistributed does.
    /// </summary>
    private static Shape? TimeDistributed(Shape? input, Shape? output) =>
        output is not null && input is { IsSequence: true } ? output with { IsSequence = true } : output;

    private static Shape? InferEmbedding(EmbeddingSpec embedding, Shape? input, List<Problem> problems)
    {
        bool valid = Positive(embedding, "the vocabulary", embedding.Vocabulary, embedding.VocabularyLocation, problems)
            & Positive(embedding, "the dimension", embedding.Dimension, embedding.DimensionLocation, problems);
        if (input is not null && !(input.IsSequence && input.Rank == 0))
        {
            problems.Add(ProblemCatalogue.NeedsTokenIds.At(embedding.Location, Describe(embedding), input,
                input.IsSequence ? "; an embedding reads one token id per step, declared as [SequenceInput]" : "; declare the input as [SequenceInput]"));
            valid = false;
        }
        return valid ? Shape.Sequence(embedding.Dimension) : null;
    }

    private static Shape? InferRecurrent(RecurrentSpec recurrent, Shape? input, List<Problem> problems)
    {
        bool valid = Positive(recurrent, "units", recurrent.Units, recurrent.UnitsLocation, problems);
        if (input is not null && !(input.IsSequence && input.Rank == 1))
        {
            string hint = !input.IsSequence
                ? (input.Rank == 1 ? "; declare the input as [SequenceInput(features)], or set ReturnSequences = true on the recurrent layer before it" : "; declare the input as [SequenceInput(features)]")
                : input.Rank == 0 ? "; token ids need an [Embedding(vocabulary, dimension)] first" : "; add [Flatten] before it to make each step a vector";
            problems.Add(ProblemCatalogue.NeedsSequence.At(recurrent.Location, Describe(recurrent), input, hint));
            valid = false;
        }
        return valid ? (recurrent.ReturnSequences ? Shape.Sequence(recurrent.Units) : new Shape(recurrent.Units)) : null;
    }

    /// <summary>A vector, or a sequence of vectors normalised step by step; its output has the input's shape.</summary>
    private static Shape? InferLayerNorm(LayerNormSpec layerNorm, Shape? input, List<Problem> problems)
    {
        if (input is null) return null;
        if (input.Rank == 1) return input;
        problems.Add(ProblemCatalogue.RankMismatch.At(
            layerNorm.Location, Describe(layerNorm), input.IsSequence ? "a vector at each step (rank 1)" : "a vector (rank 1)", input,
            input.Rank > 1 ? "; add [Flatten] before it" : input.IsSequence ? "; token ids need an [Embedding(vocabulary, dimension)] first" : string.Empty));
        return null;
    }

    /// <summary>
    /// Sinusoidal, or learned with a table of MaxLength rows (DN0029 when MaxLength and Learned do not go together).
    /// The time steps are a run-time value, so the generated network checks them against MaxLength.
    /// </summary>
    private static Shape? InferPositionalEncoding(PositionalEncodingSpec positional, Shape? input, List<Problem> problems)
    {
        bool valid = true;
        if (positional.Learned && positional.MaxLength <= 0)
        {
            problems.Add(ProblemCatalogue.PositionalMaxLength.At(
                positional.MaxLength == 0 ? positional.Location : positional.MaxLengthLocation, Describe(positional),
                positional.MaxLength == 0 ? "Learned = true but no MaxLength" : $"Learned = true with MaxLength = {positional.MaxLength}",
                "set MaxLength to the longest sequence it will see, as in [PositionalEncoding(Learned = true, MaxLength = 128)]"));
            valid = false;
        }
        else if (!positional.Learned && positional.MaxLength != 0)
        {
            problems.Add(ProblemCatalogue.PositionalMaxLength.At(positional.MaxLengthLocation, Describe(positional),
                $"MaxLength = {positional.MaxLength} without Learned = true",
                "set Learned = true for a trained table of positions, or remove MaxLength"));
            valid = false;
        }
        return NeedsStepVectors(positional, input, problems) && valid ? input : null;
    }

    private static Shape? InferAttention(AttentionSpec attention, Shape? input, IReadOnlyList<LayerSpec> layers, int position, List<Problem> problems)
    {
        bool valid = Positive(attention, "the number of heads", attention.Heads, attention.HeadsLocation, problems)
            & DeclaredModelDimension(attention, attention.ModelDimension, attention.ModelDimensionLocation, problems);
        if (!NeedsStepVectors(attention, input, problems)) return null;
        valid = valid && MatchesModelDimension(attention, attention.ModelDimension, attention.ModelDimensionLocation, input!, layers, position, problems);
        if (valid && input!.Size % attention.Heads != 0)
        {
            problems.Add(ProblemCatalogue.HeadsDoNotDivide.At(attention.HeadsLocation, Describe(attention), input.Size, attention.Heads));
            valid = false;
        }
        return valid ? input : null;
    }

    private static Shape? InferTransformerBlock(TransformerBlockSpec block, Shape? input, IReadOnlyList<LayerSpec> layers, int position, List<Problem> problems)
    {
        bool valid = Positive(block, "the number of heads", block.Heads, block.HeadsLocation, problems)
            & DeclaredModelDimension(block, block.ModelDimension, block.ModelDimensionLocation, problems);
        if (block.FeedForward < 0)
        {
            problems.Add(ProblemCatalogue.NonPositiveSize.At(block.Location, Describe(block), "the feed-forward width", block.FeedForward));
            valid = false;
        }
        if (!Enum.IsDefined(typeof(Activation), block.Activation))
        {
            problems.Add(ProblemCatalogue.UnknownActivation.At(block.Location, Describe(block), (int)block.Activation));
            valid = false;
        }
        if (!NeedsStepVectors(block, input, problems)) return null;
        valid = valid && MatchesModelDimension(block, block.ModelDimension, block.ModelDimensionLocation, input!, layers, position, problems);
        if (valid && input!.Size % block.Heads != 0)
        {
            problems.Add(ProblemCatalogue.HeadsDoNotDivide.At(block.HeadsLocation, Describe(block), input.Size, block.Heads));
            valid = false;
        }
        if (valid && (long)input!.Size * block.Width(input.Size) > MaxElements)
        {
            problems.Add(ProblemCatalogue.TooLarge.At(block.Location, Describe(block), "the feed-forward weights", (long)input.Size * block.Width(input.Size), MaxElements, PerLayer));
            valid = false;
        }
        return valid ? input : null;
    }

    /// <summary>A declared model dimension is positive; 0 means none was declared.</summary>
    private static bool DeclaredModelDimension(LayerSpec layer, int declared, SourceLocation location, List<Problem> problems) =>
        declared == 0 || Positive(layer, "the model dimension", declared, location, problems);

    /// <summary>
    /// An attention layer or block declared for model dimension d must receive steps of d features (DN0030). The hint
    /// names the layer that sets the features (the embedding, as a rule), skipping the layers that keep them.
    /// </summary>
    private static bool MatchesModelDimension(
        LayerSpec layer, int declared, SourceLocation location, Shape input, IReadOnlyList<LayerSpec> layers, int position, List<Problem> problems)
    {
        if (declared <= 0 || declared == input.Size) return true;
        int actual = input.Size;
        string hint = $"declare the input as [SequenceInput({declared})], or set ModelDimension to {actual}";
        for (int i = position - 1; i >= 0; i--)
        {
            var source = layers[i];
            if (source is PositionalEncodingSpec or LayerNormSpec or DropoutSpec or AttentionSpec or TransformerBlockSpec) continue;
            string size = source switch
            {
                EmbeddingSpec => $"the dimension of {Describe(source)}",
                DenseSpec or RecurrentSpec => $"the units of {Describe(source)}",
                _ => $"the output of {Describe(source)}",
            };
            hint = $"change {size} to {declared}, or ModelDimension to {actual}";
            break;
        }
        problems.Add(ProblemCatalogue.ModelDimensionMismatch.At(location, Describe(layer), declared, input, actual, hint));
        return false;
    }

    /// <summary>Positional encoding and attention work on a sequence of vectors [time, d] (DN0027).</summary>
    private static bool NeedsStepVectors(LayerSpec layer, Shape? input, List<Problem> problems)
    {
        if (input is null) return false;
        if (input.IsSequence && input.Rank == 1) return true;
        string hint = !input.IsSequence
            ? (input.Rank == 1 ? "; declare the input as [SequenceInput(d)], or set ReturnSequences = true on the recurrent layer before it" : "; declare the input as [SequenceInput(d)]")
            : input.Rank == 0 ? "; token ids need an [Embedding(vocabulary, d)] first" : "; add [Flatten] before it to make each step a vector";
        problems.Add(ProblemCatalogue.NeedsStepVectors.At(layer.Location, Describe(layer), input, hint));
        return false;
    }

    private static Shape? InferDropout(DropoutSpec dropout, Shape? input, List<Problem> problems)
    {
        if (!(dropout.Rate >= 0 && dropout.Rate < 1))
        {
            problems.Add(ProblemCatalogue.RateOutOfRange.At(dropout.RateLocation, Describe(dropout), dropout.Rate.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            return null;
        }
        return input;
    }

    private static bool Positive(LayerSpec layer, string what, int value, SourceLocation location, List<Problem> problems)
    {
        if (value > 0) return true;
        problems.Add(ProblemCatalogue.NonPositiveSize.At(location, Describe(layer), what, value));
        return false;
    }

    /// <summary>Convolution and pooling need a rank-3 input; for a vector, the hint from <see cref="FeatureMapHint"/> says why it is one.</summary>
    private static bool NeedsFeatureMap(LayerSpec layer, Shape? input, string vectorHint, List<Problem> problems)
    {
        if (input is null) return false;
        if (input.Rank == 3) return true;
        problems.Add(ProblemCatalogue.RankMismatch.At(
            layer.Location, Describe(layer), "a feature map [channels, height, width] (rank 3)", input,
            input.Rank == 1 ? vectorHint : string.Empty));
        return false;
    }

    /// <summary>
    /// Why a convolution or pooling layer at <paramref name="position"/> would receive a vector: the layer before it
    /// that made one (Flatten, Dense, ...; Dropout passes its input through), or else the declared input.
    /// </summary>
    private static string FeatureMapHint(NetworkSpec network, int position)
    {
        for (int i = position - 1; i >= 0; i--)
        {
            var source = network.Layers[i];
            if (source is DropoutSpec) continue;
            return source is FlattenSpec
                ? $"; {Describe(source)} before it made the feature map a vector: move it after the convolution and pooling layers"
                : $"; {Describe(source)} before it outputs a vector: place convolution and pooling layers before it";
        }
        return IsText(network)
            ? "; declare the input with its channels, height and width, as 'input 1, 28, 28'"
            : "; declare the input with its channels, height and width, as [Input(1, 28, 28)]";
    }

    /// <summary>The window must fit (an error), and should tile the input without leftovers (a warning).</summary>
    private static bool CheckWindow(LayerSpec layer, string what, int window, int stride, Shape input, Shape output, List<Problem> problems)
    {
        int height = input.Dimensions[1], width = input.Dimensions[2];
        if (window > height || window > width)
        {
            problems.Add(ProblemCatalogue.WindowTooLarge.At(layer.Location, Describe(layer), what, window, input, height, width,
                what == "kernel" ? "; use Padding = Padding.Same or a smaller kernel" : string.Empty));
            return false;
        }
        int rows = (height - window) % stride, columns = (width - window) % stride;
        if (rows != 0 || columns != 0)
        {
            problems.Add(ProblemCatalogue.DroppedRowsOrColumns.At(layer.Location, Describe(layer), $"{window}×{window}", stride, input, rows, columns, output));
        }
        return true;
    }

    private static long ParameterCount(LayerSpec layer, Shape input, Shape output) => layer switch
    {
        DenseSpec => input.LongSize * output.LongSize + output.LongSize,
        Conv2DSpec conv => (long)input.Dimensions[0] * conv.KernelSize * conv.KernelSize * conv.Filters + conv.Filters,
        EmbeddingSpec embedding => (long)embedding.Vocabulary * embedding.Dimension,
        RecurrentSpec recurrent => (long)recurrent.Gates * recurrent.Units * (input.LongSize + recurrent.Units + 1),
        LayerNormSpec => 2L * input.LongSize,
        PositionalEncodingSpec { Learned: true } positional => positional.MaxLength * input.LongSize,
        AttentionSpec => 4L * input.LongSize * (input.LongSize + 1),
        TransformerBlockSpec block => 4L * input.LongSize + 4L * input.LongSize * (input.LongSize + 1)
            + 2L * input.LongSize * block.Width(input.Size) + block.Width(input.Size) + input.LongSize,
        _ => 0,
    };
}
