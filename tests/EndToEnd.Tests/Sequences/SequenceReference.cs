using System;
using System.Collections.Generic;
using System.Linq;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// An obviously correct sequence network in double precision, one sample at a time, step by step: embedding,
/// SimpleRnn, Lstm (gate columns i, f, o, g) and Gru (PyTorch's, gate columns r, z, n) written straight from their
/// equations, and any per-sample
/// <see cref="ReferenceLayer"/> applied to every time step with shared parameters. Parameters are read from a
/// generated network's layout. A sample of length L: steps ≥ L leave the state unchanged and output zero; the
/// last output is the state after step L − 1. A stage reads the one before it, or the nodes it names
/// (<see cref="SequenceStage.Reading"/>: 0 the input, k the output of stage k − 1); a tensor several stages read gets
/// the sum of their gradients.
/// </summary>
public sealed class SequenceReference
{
    private readonly List<SequenceStage> _stages;
    // Whether the output is a sequence: then its steps past a length are zero and their gradient goes nowhere.
    private readonly bool _returnsSequences;

    public SequenceReference(INetwork network, int[] stepShape, bool tokens, params SequenceStage[] stages)
    {
        _stages = stages.ToList();
        var offsets = network.Layout.Select(s => s.Offset).ToList();
        int next = 0;
        var shapes = new List<(int[] Shape, bool Sequence)> { (tokens ? [] : stepShape, true) };
        for (int s = 0; s < _stages.Count; s++)
        {
            var stage = _stages[s];
            shapes.Add(stage.Bind(Sources(s).Select(n => shapes[n]).ToArray(), offsets.Skip(next).Take(stage.SliceCount).ToArray()));
            next += stage.SliceCount;
        }
        if (next != offsets.Count) throw new InvalidOperationException("The reference stages do not match the layout.");
        _returnsSequences = shapes[^1].Sequence;
    }

    /// <summary>The nodes stage <paramref name="s"/> reads: 0 is the input, k the output of stage k − 1; the previous by default.</summary>
    private int[] Sources(int s) => _stages[s].Sources ?? [s];

    /// <summary>Every stage's output for one sample of <paramref name="timeSteps"/> steps and length <paramref name="length"/>, the input first.</summary>
    public List<double[][]> Forward(float[] parameters, double[][] input, int length)
    {
        var outputs = new List<double[][]> { input };
        for (int s = 0; s < _stages.Count; s++) outputs.Add(_stages[s].Forward(parameters, Sources(s).Select(n => outputs[n]).ToArray(), length));
        if (_returnsSequences) outputs[^1] = PastLengthZero(outputs[^1], length);
        return outputs;
    }

    /// <summary>Adds dL/dθ for one sample to <paramref name="gradients"/> and returns dL/dx per step.</summary>
    public double[][] Backward(float[] parameters, List<double[][]> outputs, double[][] outputGradient, int length, double[] gradients)
    {
        var g = outputs.Select(o => o.Select(step => new double[step.Length]).ToArray()).ToList();
        g[^1] = _returnsSequences ? PastLengthZero(outputGradient, length) : outputGradient;
        for (int s = _stages.Count - 1; s >= 0; s--)
        {
            var sources = Sources(s);
            var dx = _stages[s].Backward(parameters, sources.Select(n => outputs[n]).ToArray(), outputs[s + 1], g[s + 1], length, gradients);
            for (int k = 0; k < sources.Length; k++)
            for (int t = 0; t < dx[k].Length; t++)
            for (int j = 0; j < dx[k][t].Length; j++) g[sources[k]][t][j] += dx[k][t][j];
        }
        return g[0];
    }

    private static double[][] PastLengthZero(double[][] steps, int length) =>
        steps.Select((step, t) => t < length ? step : new double[step.Length]).ToArray();
}

/// <summary>One stage of a <see cref="SequenceReference"/>. A value is an array of steps; a vector is one step.</summary>
public abstract class SequenceStage
{
    public abstract int SliceCount { get; }

    public abstract (int[] Shape, bool Sequence) Bind(int[] input, bool sequence, int[] offsets);

    public abstract double[][] Forward(float[] p, double[][] x, int length);

    public abstract double[][] Backward(float[] p, double[][] x, double[][] y, double[][] dy, int length, double[] gradients);

    /// <summary>The nodes the stage reads (0: the network input, k: the output of stage k − 1); null: the previous stage's.</summary>
    public int[]? Sources { get; private set; }

    /// <summary>The stage reads <paramref name="nodes"/> instead of the stage before it (a layer's From, a merge's inputs).</summary>
    public SequenceStage Reading(params int[] nodes)
    {
        Sources = nodes;
        return this;
    }

    /// <summary>Binds to the shapes of every tensor the stage reads; one, unless it merges several.</summary>
    public virtual (int[] Shape, bool Sequence) Bind((int[] Shape, bool Sequence)[] inputs, int[] offsets) => Bind(inputs[0].Shape, inputs[0].Sequence, offsets);

    /// <summary>The output from every tensor the stage reads.</summary>
    public virtual double[][] Forward(float[] p, double[][][] inputs, int length) => Forward(p, inputs[0], length);

    /// <summary>dL/d(each tensor the stage reads), adding dL/dθ to <paramref name="gradients"/>.</summary>
    public virtual double[][][] Backward(float[] p, double[][][] inputs, double[][] y, double[][] dy, int length, double[] gradients) =>
        [Backward(p, inputs[0], y, dy, length, gradients)];

    /// <summary>y = f(Σ inputs), step by step (a vector is one step); every input gets dL/dz.</summary>
    public static SequenceStage Add(Activation activation, params int[] nodes) => new AddStage(activation).Reading(nodes);

    /// <summary>Every step's values of the inputs side by side; each input gets its block of dL/dy.</summary>
    public static SequenceStage Concatenate(params int[] nodes) => new ConcatenateStage().Reading(nodes);

    private sealed class AddStage(Activation activation) : SequenceStage
    {
        private readonly ReferenceLayer _add = ReferenceLayer.Add(activation);

        public override int SliceCount => 0;

        public override (int[] Shape, bool Sequence) Bind(int[] input, bool sequence, int[] offsets) => throw new NotSupportedException("Add reads several tensors.");

        public override (int[] Shape, bool Sequence) Bind((int[] Shape, bool Sequence)[] inputs, int[] offsets) =>
            (_add.Bind(inputs.Select(i => i.Shape).ToArray(), (-1, -1)), inputs[0].Sequence);

        public override double[][] Forward(float[] p, double[][] x, int length) => throw new NotSupportedException("Add reads several tensors.");

        public override double[][] Forward(float[] p, double[][][] inputs, int length) =>
            Enumerable.Range(0, inputs[0].Length).Select(t => _add.Forward(p, inputs.Select(x => x[t]).ToArray())).ToArray();

        public override double[][] Backward(float[] p, double[][] x, double[][] y, double[][] dy, int length, double[] gradients) => throw new NotSupportedException("Add reads several tensors.");

        public override double[][][] Backward(float[] p, double[][][] inputs, double[][] y, double[][] dy, int length, double[] gradients) =>
            PerInput(inputs, t => _add.Backward(p, inputs.Select(x => x[t]).ToArray(), y[t], dy[t], gradients));
    }

    private sealed class ConcatenateStage : SequenceStage
    {
        private readonly ReferenceLayer _concatenate = ReferenceLayer.Concatenate();

        public override int SliceCount => 0;

        public override (int[] Shape, bool Sequence) Bind(int[] input, bool sequence, int[] offsets) => throw new NotSupportedException("Concatenate reads several tensors.");

        public override (int[] Shape, bool Sequence) Bind((int[] Shape, bool Sequence)[] inputs, int[] offsets) =>
            (_concatenate.Bind(inputs.Select(i => i.Shape).ToArray(), (-1, -1)), inputs[0].Sequence);

        public override double[][] Forward(float[] p, double[][] x, int length) => throw new NotSupportedException("Concatenate reads several tensors.");

        public override double[][] Forward(float[] p, double[][][] inputs, int length) =>
            Enumerable.Range(0, inputs[0].Length).Select(t => _concatenate.Forward(p, inputs.Select(x => x[t]).ToArray())).ToArray();

        public override double[][] Backward(float[] p, double[][] x, double[][] y, double[][] dy, int length, double[] gradients) => throw new NotSupportedException("Concatenate reads several tensors.");

        public override double[][][] Backward(float[] p, double[][][] inputs, double[][] y, double[][] dy, int length, double[] gradients) =>
            PerInput(inputs, t => _concatenate.Backward(p, inputs.Select(x => x[t]).ToArray(), y[t], dy[t], gradients));
    }

    /// <summary>A per-step merge's backward, step by step, regrouped as each input's steps.</summary>
    private static double[][][] PerInput(double[][][] inputs, Func<int, double[][]> step)
    {
        var perStep = Enumerable.Range(0, inputs[0].Length).Select(step).ToArray();
        return Enumerable.Range(0, inputs.Length).Select(k => perStep.Select(dx => dx[k]).ToArray()).ToArray();
    }

    public static SequenceStage PerStep(ReferenceLayer layer) => new PerStepStage(layer);

    public static SequenceStage Embedding(int dimension) => new EmbeddingStage(dimension);

    public static SequenceStage Rnn(int units, bool returnSequences = false) => new RecurrentStage(false, units, returnSequences);

    public static SequenceStage Lstm(int units, bool returnSequences = false) => new RecurrentStage(true, units, returnSequences);

    public static SequenceStage Gru(int units, bool returnSequences = false) => new GruStage(units, returnSequences);

    public static SequenceStage LayerNorm() => new LayerNormStage();

    public static SequenceStage PositionalEncoding() => new PositionalEncodingStage();

    public static SequenceStage LearnedPositionalEncoding() => new LearnedPositionalEncodingStage();

    public static SequenceStage Attention(int heads, bool causal) => new AttentionStage(heads, causal);

    public static SequenceStage Residual(params SequenceStage[] inner) => new ResidualStage(inner);

    /// <summary>A pre-norm transformer block: x + MHSA(LN(x)), then + Dense(d)(act(Dense(f)(LN(·)))).</summary>
    public static SequenceStage[] TransformerBlock(int d, int heads, int feedForward, Activation activation, bool causal) =>
    [
        Residual(LayerNorm(), Attention(heads, causal)),
        Residual(LayerNorm(), PerStep(ReferenceLayer.Dense(feedForward, activation)), PerStep(ReferenceLayer.Dense(d))),
    ];

    /// <summary>y = x + inner(x); dx = dy + innerᵀ(dy).</summary>
    private sealed class ResidualStage(SequenceStage[] inner) : SequenceStage
    {
        public override int SliceCount => inner.Sum(s => s.SliceCount);

        public override (int[] Shape, bool Sequence) Bind(int[] input, bool sequence, int[] offsets)
        {
            var current = (input, sequence);
            int next = 0;
            foreach (var stage in inner)
            {
                current = stage.Bind(current.input, current.sequence, offsets.Skip(next).Take(stage.SliceCount).ToArray());
                next += stage.SliceCount;
            }
            return (input, sequence);
        }

        private List<double[][]> Run(float[] p, double[][] x, int length)
        {
            var outputs = new List<double[][]> { x };
            foreach (var stage in inner) outputs.Add(stage.Forward(p, outputs[^1], length));
            return outputs;
        }

        public override double[][] Forward(float[] p, double[][] x, int length)
        {
            var branch = Run(p, x, length)[^1];
            return x.Select((step, t) => step.Select((v, j) => v + branch[t][j]).ToArray()).ToArray();
        }

        public override double[][] Backward(float[] p, double[][] x, double[][] y, double[][] dy, int length, double[] gradients)
        {
            var outputs = Run(p, x, length);
            var g = dy;
            for (int s = inner.Length - 1; s >= 0; s--) g = inner[s].Backward(p, outputs[s], outputs[s + 1], g, length, gradients);
            return g.Select((step, t) => step.Select((v, j) => v + dy[t][j]).ToArray()).ToArray();
        }
    }

    /// <summary>
    /// Multi-head self-attention straight from its definition, in double precision: [q k v] = x·W + b per step, per head
    /// softmax over the visible keys (u &lt; length, and u ≤ t when causal) of q·k / √e, the heads' contexts side by side,
    /// y = c·Wo + bo; a query at or past the length outputs bo. Its backward is not a second derivation of the
    /// generated code's: it differentiates this forward numerically (central differences in double precision, h = 1e-5).
    /// </summary>
    private sealed class AttentionStage(int heads, bool causal) : SequenceStage
    {
        private int _d, _w, _b, _wo, _bo;

        public override int SliceCount => 4;

        public override (int[] Shape, bool Sequence) Bind(int[] input, bool sequence, int[] offsets)
        {
            _d = input.Aggregate(1, (a, d) => a * d);
            (_w, _b, _wo, _bo) = (offsets[0], offsets[1], offsets[2], offsets[3]);
            return (input, sequence);
        }

        public override double[][] Forward(float[] p, double[][] x, int length) => Run(p.Select(v => (double)v).ToArray(), x, length);

        private double[][] Run(double[] p, double[][] x, int length)
        {
            int d = _d, e = d / heads, steps = x.Length;
            var qkv = x.Select(step => Enumerable.Range(0, 3 * d).Select(c => p[_b + c] + Enumerable.Range(0, d).Sum(k => step[k] * p[_w + k * 3 * d + c])).ToArray()).ToArray();
            var y = new double[steps][];
            for (int t = 0; t < steps; t++)
            {
                var context = new double[d];
                if (t < length)
                {
                    int keys = causal ? t + 1 : length;
                    for (int h = 0; h < heads; h++)
                    {
                        var scores = Enumerable.Range(0, keys).Select(u => Enumerable.Range(0, e).Sum(i => qkv[t][h * e + i] * qkv[u][d + h * e + i]) / Math.Sqrt(e)).ToArray();
                        double max = scores.Max();
                        var weights = scores.Select(s => Math.Exp(s - max)).ToArray();
                        double sum = weights.Sum();
                        for (int u = 0; u < keys; u++)
                        for (int i = 0; i < e; i++) context[h * e + i] += weights[u] / sum * qkv[u][2 * d + h * e + i];
                    }
                }
                y[t] = Enumerable.Range(0, d).Select(j => p[_bo + j] + Enumerable.Range(0, d).Sum(k => context[k] * p[_wo + k * d + j])).ToArray();
            }
            return y;
        }

        public override double[][] Backward(float[] p, double[][] x, double[][] y, double[][] dy, int length, double[] gradients)
        {
            const double h = 1e-5;
            var parameters = p.Select(v => (double)v).ToArray();
            double Loss(double[] q, double[][] input) => Run(q, input, length).Select((step, t) => step.Select((v, j) => v * dy[t][j]).Sum()).Sum();
            foreach (int start in new[] { _w, _b, _wo, _bo })
            {
                int count = start == _w ? 3 * _d * _d : start == _b ? 3 * _d : start == _wo ? _d * _d : _d;
                for (int i = start; i < start + count; i++)
                {
                    double saved = parameters[i];
                    parameters[i] = saved + h;
                    double plus = Loss(parameters, x);
                    parameters[i] = saved - h;
                    double minus = Loss(parameters, x);
                    parameters[i] = saved;
                    gradients[i] += (plus - minus) / (2 * h);
                }
            }
            var copy = x.Select(step => step.ToArray()).ToArray();
            var dx = x.Select(step => new double[step.Length]).ToArray();
            for (int t = 0; t < x.Length; t++)
            for (int k = 0; k < _d; k++)
            {
                double saved = copy[t][k];
                copy[t][k] = saved + h;
                double plus = Loss(parameters, copy);
                copy[t][k] = saved - h;
                double minus = Loss(parameters, copy);
                copy[t][k] = saved;
                dx[t][k] = (plus - minus) / (2 * h);
            }
            return dx;
        }
    }

    /// <summary>PE[t, 2i] = sin(t / 10000^(2i/d)), PE[t, 2i + 1] = cos(t / 10000^(2i/d)).</summary>
    public static double Code(int t, int j, int d)
    {
        double angle = t / Math.Pow(10000, 2 * (j / 2) / (double)d);
        return j % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle);
    }

    /// <summary>y[t] = x[t] + PE[t]; the gradient passes through.</summary>
    private sealed class PositionalEncodingStage : SequenceStage
    {
        public override int SliceCount => 0;

        public override (int[] Shape, bool Sequence) Bind(int[] input, bool sequence, int[] offsets) => (input, sequence);

        public override double[][] Forward(float[] p, double[][] x, int length) =>
            x.Select((step, t) => step.Select((v, j) => v + Code(t, j, step.Length)).ToArray()).ToArray();

        public override double[][] Backward(float[] p, double[][] x, double[][] y, double[][] dy, int length, double[] gradients) => dy;
    }

    /// <summary>y[t] = x[t] + P[t] with P the table [MaxLength, d]; dP[t] += dy[t] at every step, dx = dy.</summary>
    private sealed class LearnedPositionalEncodingStage : SequenceStage
    {
        private int _d, _table;

        public override int SliceCount => 1;

        public override (int[] Shape, bool Sequence) Bind(int[] input, bool sequence, int[] offsets)
        {
            _d = input.Aggregate(1, (a, d) => a * d);
            _table = offsets[0];
            return (input, sequence);
        }

        public override double[][] Forward(float[] p, double[][] x, int length) =>
            x.Select((step, t) => step.Select((v, j) => v + p[_table + t * _d + j]).ToArray()).ToArray();

        public override double[][] Backward(float[] p, double[][] x, double[][] y, double[][] dy, int length, double[] gradients)
        {
            for (int t = 0; t < dy.Length; t++)
            for (int j = 0; j < _d; j++) gradients[_table + t * _d + j] += dy[t][j];
            return dy;
        }
    }

    /// <summary>y = γ ⊙ (x − μ) / √(σ² + 1e-5) + β on every step on its own (a vector is one step).</summary>
    private sealed class LayerNormStage : SequenceStage
    {
        private int _d, _gain, _bias;

        public override int SliceCount => 2;

        public override (int[] Shape, bool Sequence) Bind(int[] input, bool sequence, int[] offsets)
        {
            _d = input.Aggregate(1, (a, d) => a * d);
            (_gain, _bias) = (offsets[0], offsets[1]);
            return (input, sequence);
        }

        private (double[] Normal, double Inverse) Normalise(double[] x)
        {
            double mean = x.Average();
            double variance = x.Sum(v => (v - mean) * (v - mean)) / _d;
            double inverse = 1 / Math.Sqrt(variance + 1e-5);
            return (x.Select(v => (v - mean) * inverse).ToArray(), inverse);
        }

        public override double[][] Forward(float[] p, double[][] x, int length) =>
            x.Select(step => Normalise(step).Normal.Select((n, j) => p[_gain + j] * n + p[_bias + j]).ToArray()).ToArray();

        public override double[][] Backward(float[] p, double[][] x, double[][] y, double[][] dy, int length, double[] gradients)
        {
            var dx = new double[x.Length][];
            for (int t = 0; t < x.Length; t++)
            {
                var (normal, inverse) = Normalise(x[t]);
                // Straight from the Jacobian: ∂x̂_i/∂x_k = inverse · (δ_ik − 1/d − x̂_i x̂_k / d).
                dx[t] = new double[_d];
                for (int i = 0; i < _d; i++)
                {
                    gradients[_gain + i] += dy[t][i] * normal[i];
                    gradients[_bias + i] += dy[t][i];
                    double g = dy[t][i] * p[_gain + i];
                    for (int k = 0; k < _d; k++) dx[t][k] += g * inverse * ((i == k ? 1 : 0) - 1.0 / _d - normal[i] * normal[k] / _d);
                }
            }
            return dx;
        }
    }

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

    /// <summary>
    /// PyTorch's GRU: r = σ(x·W_r + b_ir + h·U_r + b_hr), z = σ(x·W_z + b_iz + h·U_z + b_hz),
    /// n = tanh(x·W_n + b_in + r·(h·U_n + b_hn)), h' = (1 − z)·n + z·h; slices weight, recurrent, bias (b_i), recurrentBias (b_h).
    /// </summary>
    private sealed class GruStage(int units, bool returnSequences) : SequenceStage
    {
        private int _n, _w, _u, _bi, _bh;
        private int G => 3 * units;

        public override int SliceCount => 4;

        public override (int[] Shape, bool Sequence) Bind(int[] input, bool sequence, int[] offsets)
        {
            _n = input.Aggregate(1, (a, d) => a * d);
            (_w, _u, _bi, _bh) = (offsets[0], offsets[1], offsets[2], offsets[3]);
            return ([units], returnSequences);
        }

        private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

        /// <summary>x·W + b_i and h·U + b_h for one step, kept apart.</summary>
        private (double[] X, double[] H) Products(float[] p, double[] x, double[] h)
        {
            var xs = new double[G];
            var hs = new double[G];
            for (int c = 0; c < G; c++)
            {
                double fromInput = p[_bi + c], fromState = p[_bh + c];
                for (int k = 0; k < _n; k++) fromInput += x[k] * p[_w + k * G + c];
                for (int k = 0; k < units; k++) fromState += h[k] * p[_u + k * G + c];
                (xs[c], hs[c]) = (fromInput, fromState);
            }
            return (xs, hs);
        }

        /// <summary>States h[0..T] (index 0 the zero start), and per run step the gates [r z n] and h·U + b_h.</summary>
        private (double[][] H, double[][] Gates, double[][] Recurrent) Run(float[] p, double[][] x, int length)
        {
            int steps = x.Length;
            var h = new double[steps + 1][];
            var gates = new double[steps][];
            var recurrent = new double[steps][];
            h[0] = new double[units];
            for (int t = 0; t < steps; t++)
            {
                if (t >= length)
                {
                    h[t + 1] = h[t];
                    continue;
                }
                var (xs, hs) = Products(p, x[t], h[t]);
                var a = new double[G];
                h[t + 1] = new double[units];
                for (int j = 0; j < units; j++)
                {
                    double r = Sigmoid(xs[j] + hs[j]), z = Sigmoid(xs[units + j] + hs[units + j]);
                    double n = Math.Tanh(xs[2 * units + j] + r * hs[2 * units + j]);
                    (a[j], a[units + j], a[2 * units + j]) = (r, z, n);
                    h[t + 1][j] = (1 - z) * n + z * h[t][j];
                }
                gates[t] = a;
                recurrent[t] = hs;
            }
            return (h, gates, recurrent);
        }

        public override double[][] Forward(float[] p, double[][] x, int length)
        {
            var (h, _, _) = Run(p, x, length);
            if (!returnSequences) return [h[x.Length]];
            return Enumerable.Range(0, x.Length).Select(t => t < length ? h[t + 1] : new double[units]).ToArray();
        }

        public override double[][] Backward(float[] p, double[][] x, double[][] y, double[][] dy, int length, double[] gradients)
        {
            var (h, gates, recurrent) = Run(p, x, length);
            int steps = x.Length;
            var dx = Enumerable.Range(0, steps).Select(_ => new double[_n]).ToArray();
            var dh = new double[units];
            for (int t = steps - 1; t >= 0; t--)
            {
                if (returnSequences && t < length) for (int j = 0; j < units; j++) dh[j] += dy[t][j];
                if (!returnSequences && t == steps - 1) for (int j = 0; j < units; j++) dh[j] += dy[0][j];
                if (t >= length) continue;
                // d/d(x·W + b_i) and d/d(h·U + b_h): equal for r and z; for n the recurrent side is scaled by r.
                var dInput = new double[G];
                var dState = new double[G];
                var previous = new double[units];
                for (int j = 0; j < units; j++)
                {
                    double r = gates[t][j], z = gates[t][units + j], n = gates[t][2 * units + j];
                    double dn = dh[j] * (1 - z) * (1 - n * n);
                    double dz = dh[j] * (h[t][j] - n) * z * (1 - z);
                    double dr = dn * recurrent[t][2 * units + j] * r * (1 - r);
                    (dInput[j], dInput[units + j], dInput[2 * units + j]) = (dr, dz, dn);
                    (dState[j], dState[units + j], dState[2 * units + j]) = (dr, dz, dn * r);
                    previous[j] = dh[j] * z;
                }
                for (int col = 0; col < G; col++)
                {
                    gradients[_bi + col] += dInput[col];
                    gradients[_bh + col] += dState[col];
                    for (int k = 0; k < _n; k++)
                    {
                        gradients[_w + k * G + col] += x[t][k] * dInput[col];
                        dx[t][k] += dInput[col] * p[_w + k * G + col];
                    }
                    for (int k = 0; k < units; k++)
                    {
                        gradients[_u + k * G + col] += h[t][k] * dState[col];
                        previous[k] += dState[col] * p[_u + k * G + col];
                    }
                }
                dh = previous;
            }
            return dx;
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
