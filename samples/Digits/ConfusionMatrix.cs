using System;
using System.Numerics.Tensors;
using DslNet;

namespace Digits;

/// <summary>Prints which digits the network mistakes for which: rows are true labels, columns predictions.</summary>
internal static class ConfusionMatrix
{
    public static void Print(INetwork network, Dataset data)
    {
        int classes = network.OutputSize;
        var counts = new int[classes, classes];
        var output = new float[classes];
        for (int i = 0; i < data.Count; i++)
        {
            network.Forward(data.Input(i), output, batch: 1);
            counts[TensorPrimitives.IndexOfMax(data.Target(i)), TensorPrimitives.IndexOfMax(output)]++;
        }
        Console.WriteLine("Confusion matrix (rows: true digit, columns: predicted):");
        Console.Write("     ");
        for (int c = 0; c < classes; c++) Console.Write($"{c,4}");
        Console.WriteLine();
        for (int t = 0; t < classes; t++)
        {
            Console.Write($"{t,4} ");
            for (int c = 0; c < classes; c++) Console.Write($"{counts[t, c],4}");
            Console.WriteLine();
        }
    }
}
