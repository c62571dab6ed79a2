using System;
using System.Numerics.Tensors;

namespace OnnxInterop;

/// <summary>
/// How far two runs of the same network agree on the same inputs: rows whose arg-max (predicted class) is the same,
/// the largest element difference, and whether every element is within the tolerance DslNet's ONNX tests use,
/// <c>|a − e| ≤ 1e-4·|e| + 1e-5·max(1, max|e|)</c> (e the reference's values, a the other run's).
/// </summary>
/// <param name="Rows">Samples compared.</param>
/// <param name="SamePrediction">Samples whose largest output is at the same index in both runs.</param>
/// <param name="MaxDifference">The largest |a − e| over every element.</param>
/// <param name="OutsideTolerance">Elements beyond the tolerance; 0 when the runs agree.</param>
public sealed record OutputAgreement(int Rows, int SamePrediction, double MaxDifference, int OutsideTolerance)
{
    /// <summary>Every element within the tolerance.</summary>
    public bool WithinTolerance => OutsideTolerance == 0;

    /// <summary>Compares <paramref name="actual"/> with the reference <paramref name="expected"/>, both [rows, <paramref name="rowSize"/>].</summary>
    public static OutputAgreement Compare(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, int rowSize)
    {
        if (rowSize <= 0 || expected.Length % rowSize != 0)
            throw new ArgumentException($"Outputs of {expected.Length} values are not whole rows of {rowSize}.", nameof(rowSize));
        if (actual.Length != expected.Length)
            throw new ArgumentException($"The outputs compared have {actual.Length} and {expected.Length} values; they must have the same.", nameof(actual));
        double floor = 1e-5 * Math.Max(1, TensorPrimitives.MaxMagnitude(expected));
        int rows = expected.Length / rowSize, same = 0, outside = 0;
        double largest = 0;
        for (int row = 0; row < rows; row++)
        {
            var e = expected.Slice(row * rowSize, rowSize);
            var a = actual.Slice(row * rowSize, rowSize);
            if (TensorPrimitives.IndexOfMax(e) == TensorPrimitives.IndexOfMax(a)) same++;
            for (int i = 0; i < rowSize; i++)
            {
                double difference = Math.Abs((double)a[i] - e[i]);
                // A NaN counts as outside and as the largest difference.
                if (!(difference <= 1e-4 * Math.Abs(e[i]) + floor)) outside++;
                if (!(difference <= largest)) largest = double.IsNaN(difference) ? double.PositiveInfinity : difference;
            }
        }
        return new OutputAgreement(rows, same, largest, outside);
    }

    public override string ToString() =>
        $"{SamePrediction} of {Rows} predictions agree, max output difference {MaxDifference:G3}, " +
        (WithinTolerance ? "every value within tolerance" : $"{OutsideTolerance} values beyond tolerance");
}
