using System;
using System.Collections.Generic;
using DslNet.Model;

namespace DslNet.Checks;

/// <summary>
/// What a layer's shape rule sees of the network around it (the layers before and after it), and the checks many
/// rules share, each reporting its problem with a message and a hint in the network's own syntax.
/// </summary>
internal sealed class ShapeContext
{
    private const string PerLayer = "per sample and per layer";

    private readonly List<Problem> _problems;

    private readonly IReadOnlyList<int>? _sources;

    /// <summary>
    /// The context of the layer at <paramref name="position"/>. <paramref name="sources"/> gives, for each layer position,
    /// the position of the layer it reads (-1: the input); null for a stack, where each layer reads the one before it.
    /// Hints about where a shape came from follow it.
    /// </summary>
    public ShapeContext(NetworkSpec network, int position, List<Problem> problems, IReadOnlyList<int>? sources = null)
    {
        Network = network;
        Position = position;
        _problems = problems;
        _sources = sources;
    }

    /// <summary>The position of the layer the layer at <paramref name="position"/> reads, or -1 for the input.</summary>
    private int SourceOf(int position) => _sources is null ? position - 1 : _sources[position];

    public NetworkSpec Network { get; }

    /// <summary>The 0-based position of the layer being inferred among the network's layers.</summary>
    public int Position { get; }

    /// <summary>The layer declared after this one, if any.</summary>
    public LayerSpec? Next => Position + 1 < Network.Layers.Count ? Network.Layers[Position + 1] : null;

    /// <summary>A network from a .dnn file: hints then show the text syntax (<c>input 64</c>), not the attributes.</summary>
    public bool IsText => Network.Location.Path.EndsWith(".dnn", StringComparison.OrdinalIgnoreCase);

    public void Report(Problem problem) => _problems.Add(problem);

    public static string Describe(LayerSpec layer) => ShapeInference.Describe(layer);

    public bool Positive(LayerSpec layer, string what, int value, SourceLocation location)
    {
        if (value > 0) return true;
        Report(ProblemCatalogue.NonPositiveSize.At(location, Describe(layer), what, value));
        return false;
    }

    public bool KnownActivation(LayerSpec layer, Activation activation)
    {
        if (Enum.IsDefined(typeof(Activation), activation)) return true;
        Report(ProblemCatalogue.UnknownActivation.At(layer.Location, Describe(layer), (int)activation));
        return false;
    }

    /// <summary>A padding cast from an undefined number would otherwise act as Valid without a word.</summary>
    public bool KnownPadding(LayerSpec layer, Padding padding)
    {
        if (Enum.IsDefined(typeof(Padding), padding)) return true;
        Report(ProblemCatalogue.UnknownPadding.At(layer.Location, Describe(layer), (int)padding));
        return false;
    }

    /// <summary>Reports a count past <see cref="ShapeInference.MaxElements"/>: <paramref name="what"/> names what holds it.</summary>
    public bool WithinLimit(LayerSpec layer, string what, System.Numerics.BigInteger count)
    {
        if (count <= ShapeInference.MaxElements) return true;
        Report(ProblemCatalogue.TooLarge.At(layer.Location, Describe(layer), what, count, ShapeInference.MaxElements, PerLayer));
        return false;
    }

    /// <summary>Convolution and pooling need a rank-3 input; for a vector, the hint says which layer made it one.</summary>
    public bool NeedsFeatureMap(LayerSpec layer, Shape? input)
    {
        if (input is null) return false;
        if (input.Rank == 3) return true;
        Report(ProblemCatalogue.RankMismatch.At(
            layer.Location, Describe(layer), "a feature map [channels, height, width] (rank 3)", input,
            input.Rank == 1 ? FeatureMapHint() : string.Empty));
        return false;
    }

    /// <summary>
    /// Why the layer being inferred would receive a vector: the layer before it that made one (Flatten, Dense, ...;
    /// layers that keep their input's shape are looked past), or else the declared input.
    /// </summary>
    private string FeatureMapHint()
    {
        for (int i = SourceOf(Position); i >= 0; i = SourceOf(i))
        {
            var source = Network.Layers[i];
            if (source.KeepsShape) continue;
            return $"; {Describe(source)} before it {source.MadeVectorHint}";
        }
        return IsText
            ? "; declare the input with its channels, height and width, as 'input 1, 28, 28'"
            : "; declare the input with its channels, height and width, as [Input(1, 28, 28)]";
    }

    /// <summary>The window must fit (an error), and should tile the input without leftovers (a warning).</summary>
    public bool CheckWindow(LayerSpec layer, string what, int window, int stride, Shape input, Shape output)
    {
        int height = input.Dimensions[1], width = input.Dimensions[2];
        if (window > height || window > width)
        {
            Report(ProblemCatalogue.WindowTooLarge.At(layer.Location, Describe(layer), what, window, input, height, width,
                what == "kernel" ? "; use Padding = Padding.Same or a smaller kernel" : string.Empty));
            return false;
        }
        int rows = (height - window) % stride, columns = (width - window) % stride;
        if (rows != 0 || columns != 0)
        {
            Report(ProblemCatalogue.DroppedRowsOrColumns.At(layer.Location, Describe(layer), $"{window}×{window}", stride, input, rows, columns, output));
        }
        return true;
    }

    /// <summary>Positional encoding and attention work on a sequence of vectors [time, d] (DN0027).</summary>
    public bool NeedsStepVectors(LayerSpec layer, Shape? input)
    {
        if (input is null) return false;
        if (input.IsSequence && input.Rank == 1) return true;
        string hint = !input.IsSequence
            ? (input.Rank == 1 ? "; declare the input as [SequenceInput(d)], or set ReturnSequences = true on the recurrent layer before it" : "; declare the input as [SequenceInput(d)]")
            : input.Rank == 0 ? "; token ids need an [Embedding(vocabulary, d)] first" : "; add [Flatten] before it to make each step a vector";
        Report(ProblemCatalogue.NeedsStepVectors.At(layer.Location, Describe(layer), input, hint));
        return false;
    }

    /// <summary>A declared model dimension is positive; 0 means none was declared.</summary>
    public bool DeclaredModelDimension(LayerSpec layer, int declared, SourceLocation location) =>
        declared == 0 || Positive(layer, "the model dimension", declared, location);

    /// <summary>
    /// An attention layer or block declared for model dimension d must receive steps of d features (DN0030). The hint
    /// names the layer that sets the features (the embedding, as a rule), looking past the layers that keep them.
    /// </summary>
    public bool MatchesModelDimension(LayerSpec layer, int declared, SourceLocation location, Shape input)
    {
        if (declared <= 0 || declared == input.Size) return true;
        int actual = input.Size;
        string hint = $"declare the input as [SequenceInput({declared})], or set ModelDimension to {actual}";
        for (int i = SourceOf(Position); i >= 0; i = SourceOf(i))
        {
            var source = Network.Layers[i];
            if (source.KeepsShape) continue;
            hint = $"change {source.OutputSizeSetting} of {Describe(source)} to {declared}, or ModelDimension to {actual}";
            break;
        }
        Report(ProblemCatalogue.ModelDimensionMismatch.At(location, Describe(layer), declared, input, actual, hint));
        return false;
    }
}
