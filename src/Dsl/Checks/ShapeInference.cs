using System;
using System.Collections.Generic;
using DslNet.Model;

namespace DslNet.Checks;

/// <summary>
/// Walks a network's layers once, computing each layer's input and output shape and collecting
/// every problem on the way. It never throws on a bad declaration: it reports and goes on where it
/// can, so one build shows all the errors.
/// </summary>
public static class ShapeInference
{
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
                DenseSpec dense => InferDense(dense, current, next, problems),
                _ => throw new InvalidOperationException("No shape rule for layer kind " + layer.Kind),
            };
            if (current is not null && output is not null)
            {
                layers.Add(new LayerShape(layer, current, output, ParameterCount(layer, current, output)));
            }
            current = output;
        }

        if (layers.Count == network.Layers.Count && layers.Count > 0)
        {
            CheckLoss(network, layers[layers.Count - 1], problems);
        }
        return new ShapeInferenceResult(input, layers.ToEquatableArray(), problems.ToEquatableArray());
    }

    private static void CheckLoss(NetworkSpec network, LayerShape last, List<Problem> problems)
    {
        var activation = last.Layer is DenseSpec dense ? dense.Activation : Activation.Linear;
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
            problems.Add(ProblemCatalogue.NoInput.At(network.Location, network.Name));
            return null;
        }
        if (network.Inputs.Count > 1)
        {
            problems.Add(ProblemCatalogue.SeveralInputs.At(network.Inputs[1].Location, network.Name, network.Inputs.Count));
        }

        var declared = network.Inputs[0];
        if (declared.Dimensions.Count == 0)
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
        return valid ? new Shape(declared.Dimensions) : null;
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
                input.Rank > 1 ? $"; declare the input flat, as [Input({input.Size})]" : string.Empty));
            valid = false;
        }
        return valid ? new Shape(dense.Units) : null;
    }

    private static int ParameterCount(LayerSpec layer, Shape input, Shape output) => layer switch
    {
        DenseSpec => input.Size * output.Size + output.Size,
        _ => 0,
    };
}
