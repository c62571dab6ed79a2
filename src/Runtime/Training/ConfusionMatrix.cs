using System;
using System.Numerics.Tensors;
using System.Text;

namespace DslNet;

/// <summary>
/// Which classes a classifier mistakes for which: <c>Counts[true, predicted]</c> over a data set with
/// one-hot targets, by the arg-max of the network's output.
/// </summary>
public sealed class ConfusionMatrix
{
    private ConfusionMatrix(int[,] counts) => Counts = counts;

    /// <summary>Rows are true classes, columns predicted ones.</summary>
    public int[,] Counts { get; }

    /// <summary>The number of classes (rows and columns).</summary>
    public int ClassCount => Counts.GetLength(0);

    /// <summary>Runs inference over <paramref name="data"/> in batches and counts (true, predicted) pairs.</summary>
    public static ConfusionMatrix Compute(INetwork network, Dataset data, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        if (data.InputSize != network.InputSize || data.TargetSize != network.OutputSize || network.OutputSize < 2)
        {
            throw new ArgumentException(
                $"A confusion matrix needs one-hot targets of the network's {network.OutputSize} classes and inputs of {network.InputSize}; the data has targets of {data.TargetSize} and inputs of {data.InputSize}.",
                nameof(data));
        }
        int classes = network.OutputSize;
        var counts = new int[classes, classes];
        var inputs = new float[batchSize * network.InputSize];
        var outputs = new float[batchSize * classes];
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int batch = Math.Min(batchSize, data.Count - start);
            for (int i = 0; i < batch; i++) data.Input(start + i).CopyTo(inputs.AsSpan(i * network.InputSize));
            // Sequences of their own lengths stop where their data does, not at the padding.
            if (data.HasLengths && network is ISequenceNetwork sequence)
            {
                sequence.Forward(inputs.AsSpan(0, batch * network.InputSize), outputs.AsSpan(0, batch * classes), batch, data.Lengths.Slice(start, batch));
            }
            else
            {
                network.Forward(inputs.AsSpan(0, batch * network.InputSize), outputs.AsSpan(0, batch * classes), batch);
            }
            for (int i = 0; i < batch; i++)
            {
                counts[TensorPrimitives.IndexOfMax(data.Target(start + i)), TensorPrimitives.IndexOfMax(outputs.AsSpan(i * classes, classes))]++;
            }
        }
        return new ConfusionMatrix(counts);
    }

    /// <summary>The share of samples on the diagonal.</summary>
    public double Accuracy
    {
        get
        {
            long right = 0, all = 0;
            for (int t = 0; t < ClassCount; t++)
            {
                for (int p = 0; p < ClassCount; p++)
                {
                    all += Counts[t, p];
                    if (t == p) right += Counts[t, p];
                }
            }
            return all == 0 ? 0 : (double)right / all;
        }
    }

    /// <summary>A table with a row per true class (named by <paramref name="classNames"/> if given) and its recall.</summary>
    public string ToString(System.Collections.Generic.IReadOnlyList<string>? classNames)
    {
        const string corner = "true \\ predicted";
        // The row names share one column with the corner, so every count sits under its class number.
        int nameWidth = corner.Length;
        for (int t = 0; t < ClassCount; t++) nameWidth = Math.Max(nameWidth, Name(t).Length);
        var text = new StringBuilder();
        text.Append(corner.PadRight(nameWidth + 1));
        for (int p = 0; p < ClassCount; p++) text.Append($"{p,6}");
        text.AppendLine("  recall");
        for (int t = 0; t < ClassCount; t++)
        {
            text.Append(Name(t).PadRight(nameWidth + 1));
            int row = 0;
            for (int p = 0; p < ClassCount; p++)
            {
                text.Append($"{Counts[t, p],6}");
                row += Counts[t, p];
            }
            text.AppendLine(row == 0 ? "       -" : $"  {(double)Counts[t, t] / row,6:P1}");
        }
        return text.ToString();

        string Name(int index) => classNames is not null && index < classNames.Count ? $"{index} {classNames[index]}" : index.ToString();
    }

    /// <summary>The table of <see cref="ToString(System.Collections.Generic.IReadOnlyList{string})"/> with classes named by number.</summary>
    public override string ToString() => ToString(null);
}
