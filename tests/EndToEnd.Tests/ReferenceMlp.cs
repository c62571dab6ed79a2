using System;
using System.Collections.Generic;
using System.Linq;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// An obviously correct MLP in double precision, reading its weights from a generated network's
/// layout: the yardstick the generated forward and backward are compared with.
/// </summary>
internal sealed class ReferenceMlp
{
    private readonly (int Inputs, int Units, Activation Activation, int WeightOffset, int BiasOffset)[] _layers;

    public ReferenceMlp(INetwork network, IReadOnlyList<Activation> activations)
    {
        var weights = network.Layout.Where(s => s.Kind == ParameterKind.Weight).ToArray();
        var biases = network.Layout.Where(s => s.Kind == ParameterKind.Bias).ToArray();
        _layers = weights.Select((w, i) => (w.Shape[0], w.Shape[1], activations[i], w.Offset, biases[i].Offset)).ToArray();
    }

    /// <summary>Every layer's output for one sample, the network output last.</summary>
    public List<double[]> Forward(ReadOnlySpan<float> parameters, double[] input)
    {
        var outputs = new List<double[]> { input };
        foreach (var layer in _layers)
        {
            var x = outputs[^1];
            var z = new double[layer.Units];
            for (int j = 0; j < layer.Units; j++)
            {
                double sum = parameters[layer.BiasOffset + j];
                for (int k = 0; k < layer.Inputs; k++) sum += x[k] * parameters[layer.WeightOffset + k * layer.Units + j];
                z[j] = sum;
            }
            outputs.Add(Activate(z, layer.Activation));
        }
        return outputs;
    }

    /// <summary>Adds dL/dθ for one sample to <paramref name="gradients"/> and returns dL/dx, from dL/dy of the output.</summary>
    public double[] Backward(ReadOnlySpan<float> parameters, List<double[]> outputs, double[] outputGradient, double[] gradients)
    {
        var g = outputGradient;
        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            var layer = _layers[l];
            var y = outputs[l + 1];
            var x = outputs[l];
            var dz = new double[layer.Units];
            switch (layer.Activation)
            {
                case Activation.ReLU: for (int j = 0; j < dz.Length; j++) dz[j] = y[j] > 0 ? g[j] : 0; break;
                case Activation.Sigmoid: for (int j = 0; j < dz.Length; j++) dz[j] = g[j] * y[j] * (1 - y[j]); break;
                case Activation.Tanh: for (int j = 0; j < dz.Length; j++) dz[j] = g[j] * (1 - y[j] * y[j]); break;
                case Activation.Softmax:
                    double dot = 0;
                    for (int j = 0; j < dz.Length; j++) dot += g[j] * y[j];
                    for (int j = 0; j < dz.Length; j++) dz[j] = y[j] * (g[j] - dot);
                    break;
                default: Array.Copy(g, dz, dz.Length); break;
            }
            var dx = new double[layer.Inputs];
            for (int k = 0; k < layer.Inputs; k++)
            {
                for (int j = 0; j < layer.Units; j++)
                {
                    gradients[layer.WeightOffset + k * layer.Units + j] += x[k] * dz[j];
                    dx[k] += dz[j] * parameters[layer.WeightOffset + k * layer.Units + j];
                }
            }
            for (int j = 0; j < layer.Units; j++) gradients[layer.BiasOffset + j] += dz[j];
            g = dx;
        }
        return g;
    }

    private static double[] Activate(double[] z, Activation activation)
    {
        switch (activation)
        {
            case Activation.ReLU: return z.Select(v => Math.Max(0, v)).ToArray();
            case Activation.Sigmoid: return z.Select(v => 1 / (1 + Math.Exp(-v))).ToArray();
            case Activation.Tanh: return z.Select(Math.Tanh).ToArray();
            case Activation.Softmax:
                double max = z.Max();
                var e = z.Select(v => Math.Exp(v - max)).ToArray();
                double sum = e.Sum();
                return e.Select(v => v / sum).ToArray();
            default: return (double[])z.Clone();
        }
    }
}
