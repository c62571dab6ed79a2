using System;
using System.Collections.Generic;
using System.Linq;
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

        var graph = LayerGraph.Resolve(network, problems);
        var outputs = new Shape?[network.Layers.Count + 1];
        outputs[0] = input;
        for (int i = 0; i < network.Layers.Count; i++)
        {
            var layer = network.Layers[i];
            var sources = graph.Sources[i];
            var context = new ShapeContext(network, i, problems, graph.SourcePositions);
            var inputs = sources.Select(node => node == LayerGraph.Unresolved ? null : outputs[node]).ToArray();
            Shape? current = inputs.Length > 0 ? inputs[0] : null;
            Shape? output = layer is MergeSpec merge ? InferMerge(network, merge, sources, inputs, context) : layer.InferOutput(current, context);
            if (output is not null && layer.AppliesPerStep && current is { IsSequence: true })
            {
                output = output with { IsSequence = true };
            }
            if (output is not null && output.LongSize > MaxElements)
            {
                problems.Add(ProblemCatalogue.TooLarge.At(layer.Location, Describe(layer), $"the output {output}", output.LongSize, MaxElements, PerLayer));
                output = null;
            }
            if (current is not null && output is not null)
            {
                var shape = LayerShape.Of(layer, current, output) with
                {
                    Sources = sources.ToEquatableArray(),
                    Inputs = inputs.Select(s => s!).ToEquatableArray(),
                };
                if (shape.ParameterLength > MaxElements)
                {
                    problems.Add(ProblemCatalogue.TooLarge.At(layer.Location, Describe(layer), "the weights", shape.ParameterLength, MaxElements, PerLayer));
                    output = null;
                }
                else
                {
                    layers.Add(shape);
                }
            }
            outputs[i + 1] = output;
        }

        if (layers.Sum(l => l.ParameterLength) > MaxElements)
        {
            problems.Add(ProblemCatalogue.TooLarge.At(network.Location, $"Network '{network.Name}'", "all its layers' weights together", layers.Sum(l => l.ParameterLength), MaxElements,
                "in a whole network, all its layers together (each of these layers fits on its own)"));
        }
        if (layers.Count == network.Layers.Count && layers.Count > 0)
        {
            CheckLoss(network, layers[layers.Count - 1], graph, problems);
        }
        return new ShapeInferenceResult(input, layers.ToEquatableArray(), problems.ToEquatableArray());
    }

    /// <summary>
    /// A merge layer's output from its inputs' shapes (null where unknown): it needs two inputs at least, and all
    /// resolved; the kind's rule checks their shapes.
    /// </summary>
    private static Shape? InferMerge(NetworkSpec network, MergeSpec merge, IReadOnlyList<int> sources, Shape?[] inputs, ShapeContext context)
    {
        if (sources.Count < 2)
        {
            string example = IsText(network) ? $"'{merge.Kind.ToLowerInvariant()} block_input, conv2'" : $"[{merge.Kind}(\"block_input\", \"conv2\")]";
            string given = sources.Count == 0 ? "no layers" : $"only '{merge.Inputs[0].Name}'";
            context.Report(ProblemCatalogue.MergeNeedsInputs.At(merge.Location, Describe(merge), given, example));
            return null;
        }
        if (sources.Contains(LayerGraph.Unresolved)) return null;
        var described = sources.Select((node, k) => new MergeInput(
            merge.Inputs[k], inputs[k], node == 0 ? "the input" : $"'{network.Layers[node - 1].Name}' ({network.Layers[node - 1].Kind} #{node})")).ToArray();
        if (!SharesTimeAxis(network, merge, sources, described, context)) return null;
        return merge.InferMerged(described, context);
    }

    /// <summary>
    /// A merge works step by step on sequences, or sample by sample on vectors and maps: all its inputs must be one or
    /// the other (DN0039), and token ids, which are indices and not values, are merged only after an Embedding.
    /// </summary>
    private static bool SharesTimeAxis(NetworkSpec network, MergeSpec merge, IReadOnlyList<int> sources, IReadOnlyList<MergeInput> inputs, ShapeContext context)
    {
        var first = inputs[0];
        if (first.Shape is null) return true;
        foreach (var other in inputs.Skip(1))
        {
            if (other.Shape is null) continue;
            string? reason = first.Shape.IsSequence != other.Shape.IsSequence
                ? "a sequence has a value per time step and a vector one per sample, so both must be sequences or both not" + ReturnSequencesHint(network, sources, inputs)
                : first.Shape is { IsSequence: true, Rank: 0 } || other.Shape is { IsSequence: true, Rank: 0 }
                    ? "token ids are indices, not values to add or join: merge the output of an Embedding that reads them"
                    : null;
            if (reason is null) continue;
            context.Report(ProblemCatalogue.MergeAcrossTime.At(other.Reference.Location, Describe(merge), first.Shape, first.Description, other.Shape, other.Description, reason));
            return false;
        }
        return true;
    }

    /// <summary>For a vector from a recurrent layer that returns only its last state: the setting that makes it a sequence.</summary>
    private static string ReturnSequencesHint(NetworkSpec network, IReadOnlyList<int> sources, IReadOnlyList<MergeInput> inputs)
    {
        for (int k = 0; k < inputs.Count; k++)
        {
            if (sources[k] > 0 && inputs[k].Shape is { IsSequence: false } && network.Layers[sources[k] - 1] is RecurrentSpec { ReturnSequences: false })
            {
                return IsText(network)
                    ? $"; give {inputs[k].Description} return_sequences=true to merge every step"
                    : $"; set ReturnSequences = true on {inputs[k].Description} to merge every step";
            }
        }
        return string.Empty;
    }

    /// <summary>The activation the network's output comes out of: a view (Flatten) passes on its input's.</summary>
    private static Activation LastActivation(NetworkSpec network, LayerGraph graph)
    {
        for (int i = network.Layers.Count - 1; i >= 0; i = graph.SourcePositions[i])
        {
            var layer = network.Layers[i];
            if (!layer.IsView) return layer.DeclaredActivation ?? Activation.Linear;
        }
        return Activation.Linear;
    }

    private static void CheckLoss(NetworkSpec network, LayerShape last, LayerGraph graph, List<Problem> problems)
    {
        var activation = LastActivation(network, graph);
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
            else if (string.Equals(layer.Name, LayerReference.InputName, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(ProblemCatalogue.InvalidName.At(layer.Location, Describe(layer), layer.Name, "is reserved for the network's input"));
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
}
