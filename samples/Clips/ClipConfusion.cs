using System;
using System.Numerics.Tensors;
using System.Text;
using DslNet;

namespace ClipsSample;

/// <summary>
/// Counts [true direction, predicted direction] over clips, passing each clip's own length to the network.
/// The runtime's <see cref="ConfusionMatrix"/> runs every sample at full length, which would read the padding of
/// shorter clips as frames, so the sample counts itself.
/// </summary>
internal sealed class ClipConfusion
{
    // Each clip's length and whether it was classified right, for the accuracy by length.
    private readonly int[] _lengths;
    private readonly bool[] _correct;

    private ClipConfusion(int[,] counts, int[] lengths, bool[] correct) => (Counts, _lengths, _correct) = (counts, lengths, correct);

    /// <summary>Rows are true directions, columns predicted ones.</summary>
    public int[,] Counts { get; }

    /// <summary>Runs inference over <paramref name="clips"/> in batches of <paramref name="batchSize"/> and counts the pairs.</summary>
    public static ClipConfusion Compute(ISequenceNetwork network, Dataset clips, int batchSize = 32)
    {
        int classes = network.OutputSize;
        var counts = new int[classes, classes];
        var lengths = new int[clips.Count];
        var correct = new bool[clips.Count];
        var inputs = new float[batchSize * network.InputSize];
        var outputs = new float[batchSize * classes];
        for (int start = 0; start < clips.Count; start += batchSize)
        {
            int batch = Math.Min(batchSize, clips.Count - start);
            for (int i = 0; i < batch; i++)
            {
                clips.Input(start + i).CopyTo(inputs.AsSpan(i * network.InputSize));
                lengths[start + i] = clips.HasLengths ? clips.Lengths[start + i] : network.TimeSteps;
            }
            network.Forward(inputs.AsSpan(0, batch * network.InputSize), outputs.AsSpan(0, batch * classes), batch, lengths.AsSpan(start, batch));
            for (int i = 0; i < batch; i++)
            {
                int truth = TensorPrimitives.IndexOfMax(clips.Target(start + i));
                int predicted = TensorPrimitives.IndexOfMax(outputs.AsSpan(i * classes, classes));
                counts[truth, predicted]++;
                correct[start + i] = truth == predicted;
            }
        }
        return new ClipConfusion(counts, lengths, correct);
    }

    /// <summary>The share of clips classified correctly.</summary>
    public double Accuracy => Fraction(_ => true);

    /// <summary>The share of clips of <paramref name="length"/> frames classified correctly; NaN if there is none.</summary>
    public double AccuracyAt(int length) => Fraction(i => _lengths[i] == length);

    /// <summary>A table with a row per true direction, a column per predicted one, and each row's recall.</summary>
    public override string ToString()
    {
        int classes = Counts.GetLength(0);
        var text = new StringBuilder("true \\ predicted");
        for (int p = 0; p < classes; p++) text.Append($"{ClipGenerator.Directions[p],7}");
        text.AppendLine("  recall");
        for (int t = 0; t < classes; t++)
        {
            text.Append($"{ClipGenerator.Directions[t],-16}");
            int row = 0;
            for (int p = 0; p < classes; p++)
            {
                text.Append($"{Counts[t, p],7}");
                row += Counts[t, p];
            }
            text.AppendLine(row == 0 ? "       -" : $"  {(double)Counts[t, t] / row,6:P1}");
        }
        return text.ToString();
    }

    private double Fraction(Func<int, bool> include)
    {
        int all = 0, right = 0;
        for (int i = 0; i < _correct.Length; i++)
        {
            if (!include(i)) continue;
            all++;
            if (_correct[i]) right++;
        }
        return all == 0 ? double.NaN : (double)right / all;
    }
}
