using System;
using System.Collections.Generic;
using System.Linq;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// An obviously correct sequence network in double precision, one sample at a time, step by step: embedding,
/// SimpleRnn and Lstm written straight from their equations (gate columns i, f, o, g), and any per-sample
/// <see cref="ReferenceLayer"/> applied to every time step with shared parameters. Parameters are read from a
/// generated network's layout. A sample of length L: steps ≥ L leave the state unchanged and output zero; the
/// last output is the state after step L − 1.
/// </summary>
public sealed class SequenceReference
{
    private readonly List<SequenceStage> _stages;

    public SequenceReference(INetwork network, int[] stepShape, bool tokens, params SequenceStage[] stages)
    {
        _stages = stages.ToList();
        var offsets = network.Layout.Select(s => s.Offset).ToList();
        int next = 0;
        (int[] Shape, bool Sequence) current = (tokens ? [] : stepShape, true);
        foreach (var stage in _stages)
        {
            current = stage.Bind(current.Shape, current.Sequence, offsets.Skip(next).Take(stage.SliceCount).ToArray());
            next += stage.SliceCount;
        }
        if (next != offsets.Count) throw new InvalidOperationException("The reference stages do not match the layout.");
    }

    /// <summary>Every stage's output for one sample of <paramref name="timeSteps"/> steps and length <paramref name="length"/>, the input first.</summary>
    public List<double[][]> Forward(float[] parameters, double[][] input, int length)
    {
        var outputs = new List<double[][]> { input };
        foreach (var stage in _stages) outputs.Add(stage.Forward(parameters, outputs[^1], length));
        return outputs;
    }

    /// <summary>Adds dL/dθ for one sample to <paramref name="gradients"/> and returns dL/dx per step.</summary>
    public double[][] Backward(float[] parameters, List<double[][]> outputs, double[][] outputGradient, int length, double[] gradients)
    {
        var g = outputGradient;
        for (int s = _stages.Count - 1; s >= 0; s--) g = _stages[s].Backward(parameters, outputs[s], outputs[s + 1], g, length, gradients);
        return g;
    }
}

/// <summary>One stage of a <see cref="SequenceReference"/>. A value is an array of steps; a vector is one step.</summary>
public abstract class SequenceStage
{
    public abstract int SliceCount { get; }

    public abstract (int[] Shape, bool Sequence) Bind(int[] input, bool sequence, int[] offsets);

    public abstract double[][] Forward(float[] p, double[][] x, int length);

    public abstract double[][] Backward(float[] p, double[][] x, double[][] y, double[][] dy, int length, double[] gradients);

    public static SequenceStage PerStep(ReferenceLayer layer) => new PerStepStage(layer);

    public static SequenceStage Embedding(int dimension) => new EmbeddingStage(dimension);

    public static SequenceStage Rnn(int units, bool returnSequences = false) => new RecurrentStage(false, units, returnSequences);

    public static SequenceStage Lstm(int units, bool returnSequences = false) => new RecurrentStage(true, units, returnSequences);

    private sealed class PerStepStage(ReferenceLayer layer) : SequenceStage
    {
        public override int SliceCount => layer.HasParameters ? 2 : 0;

        public override (int[] Shape, bool Sequence) Bind(int[] input, bool sequence, int[] offsets) =>
            (layer.Bind(input, layer.HasParameters ? (offsets[0], offsets[1]) : (-1, -1)), sequence);

        public override double[][] Forward(float[] p, double[][] x, int length) => x.Select(step => layer.Forward(p, step)).ToArray();

        public override double[][] Backward(float[] p, double[][] x, double[][] y, double[][] dy, int length, double[] gradients) =>
            x.Select((step, t) => layer.Backward(p, step, y[t], dy[t], gradients)).ToArray();
    }

    private sealed class EmbeddingStage(int dimension) : SequenceStage
    {
        private int _offset;

        public override int SliceCount => 1;

        public override (int[] Shape, bool Sequence) Bind(int[] input, bool sequence, int[] offsets)
        {
            _offset = offsets[0];
            return ([dimension], true);
        }

        public override double[][] Forward(float[] p, double[][] x, int length) =>
            x.Select(id => Enumerable.Range(0, dimension).Select(j => (double)p[_offset + (int)id[0] * dimension + j]).ToArray()).ToArray();

        public override double[][] Backward(float[] p, double[][] x, double[][] y, double[][] dy, int length, double[] gradients)
        {
            for (int t = 0; t < x.Length; t++)
            {
                for (int j = 0; j < dimension; j++) gradients[_offset + (int)x[t][0] * dimension + j] += dy[t][j];
            }
            return x.Select(_ => new double[1]).ToArray();
        }
    }

    private sealed class RecurrentStage(bool lstm, int units, bool returnSequences) : SequenceStage
    {
        private int _n, _w, _u, _b;
        private int G => lstm ? 4 * units : units;

        public override int SliceCount => 3;

        public override (int[] Shape, bool Sequence) Bind(int[] input, bool sequence, int[] offsets)
        {
            _n = input.Aggregate(1, (a, d) => a * d);
            (_w, _u, _b) = (offsets[0], offsets[1], offsets[2]);
            return ([units], returnSequences);
        }

        /// <summary>Pre-activations z = x·W + h·U + b for one step.</summary>
        private double[] Z(float[] p, double[] x, double[] h)
        {
            var z = new double[G];
            for (int c = 0; c < G; c++)
            {
                double sum = p[_b + c];
                for (int k = 0; k < _n; k++) sum += x[k] * p[_w + k * G + c];
                for (int k = 0; k < units; k++) sum += h[k] * p[_u + k * G + c];
                z[c] = sum;
            }
            return z;
        }

        private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

        /// <summary>States h[0..T] and c[0..T] (index 0 the zero start) and the activated gates of each run step.</summary>
        private (double[][] H, double[][] C, double[][] Gates) Run(float[] p, double[][] x, int length)
        {
            int steps = x.Length;
            var h = new double[steps + 1][];
            var c = new double[steps + 1][];
            var gates = new double[steps][];
            h[0] = new double[units];
            c[0] = new double[units];
            for (int t = 0; t < steps; t++)
            {
                if (t >= length)
                {
                    h[t + 1] = h[t];
                    c[t + 1] = c[t];
                    continue;
                }
                var z = Z(p, x[t], h[t]);
                h[t + 1] = new double[units];
                c[t + 1] = new double[units];
                if (!lstm)
                {
                    for (int j = 0; j < units; j++) h[t + 1][j] = Math.Tanh(z[j]);
                    gates[t] = z;
                    continue;
                }
                var a = new double[G];
                for (int j = 0; j < units; j++)
                {
                    double i = Sigmoid(z[j]), f = Sigmoid(z[units + j]), o = Sigmoid(z[2 * units + j]), g = Math.Tanh(z[3 * units + j]);
                    (a[j], a[units + j], a[2 * units + j], a[3 * units + j]) = (i, f, o, g);
                    c[t + 1][j] = f * c[t][j] + i * g;
                    h[t + 1][j] = o * Math.Tanh(c[t + 1][j]);
                }
                gates[t] = a;
            }
            return (h, c, gates);
        }

        public override double[][] Forward(float[] p, double[][] x, int length)
        {
            var (h, _, _) = Run(p, x, length);
            if (!returnSequences) return [h[x.Length]];
            return Enumerable.Range(0, x.Length).Select(t => t < length ? h[t + 1] : new double[units]).ToArray();
        }

        public override double[][] Backward(float[] p, double[][] x, double[][] y, double[][] dy, int length, double[] gradients)
        {
            var (h, c, gates) = Run(p, x, length);
            int steps = x.Length;
            var dx = Enumerable.Range(0, steps).Select(_ => new double[_n]).ToArray();
            var dh = new double[units];
            var dc = new double[units];
            for (int t = steps - 1; t >= 0; t--)
            {
                if (returnSequences && t < length) for (int j = 0; j < units; j++) dh[j] += dy[t][j];
                if (!returnSequences && t == steps - 1) for (int j = 0; j < units; j++) dh[j] += dy[0][j];
                if (t >= length) continue;
                var dz = new double[G];
                if (lstm)
                {
                    for (int j = 0; j < units; j++)
                    {
                        double i = gates[t][j], f = gates[t][units + j], o = gates[t][2 * units + j], g = gates[t][3 * units + j];
                        double tanhC = Math.Tanh(c[t + 1][j]);
                        double dCell = dc[j] + dh[j] * o * (1 - tanhC * tanhC);
                        dz[j] = dCell * g * i * (1 - i);
                        dz[units + j] = dCell * c[t][j] * f * (1 - f);
                        dz[2 * units + j] = dh[j] * tanhC * o * (1 - o);
                        dz[3 * units + j] = dCell * i * (1 - g * g);
                        dc[j] = dCell * f;
                    }
                }
                else
                {
                    for (int j = 0; j < units; j++) dz[j] = dh[j] * (1 - h[t + 1][j] * h[t + 1][j]);
                }
                var previous = new double[units];
                for (int col = 0; col < G; col++)
                {
                    gradients[_b + col] += dz[col];
                    for (int k = 0; k < _n; k++)
                    {
                        gradients[_w + k * G + col] += x[t][k] * dz[col];
                        dx[t][k] += dz[col] * p[_w + k * G + col];
                    }
                    for (int k = 0; k < units; k++)
                    {
                        gradients[_u + k * G + col] += h[t][k] * dz[col];
                        previous[k] += dz[col] * p[_u + k * G + col];
                    }
                }
                dh = previous;
            }
            return dx;
        }
    }
}
