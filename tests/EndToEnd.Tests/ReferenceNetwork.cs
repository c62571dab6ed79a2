using System;
using System.Collections.Generic;
using System.Linq;
using DslNet.CompilerServices;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// An obviously correct network in double precision, one sample at a time, reading its parameters from a
/// generated network's layout: the yardstick the generated forward and backward are compared with.
/// Layouts as DslNet stores them: Dense W [in, out]; Conv2D W [C, K, K, F]; tensors [C, H, W].
/// </summary>
public sealed class ReferenceNetwork
{
    private readonly List<ReferenceLayer> _layers;

    public ReferenceNetwork(INetwork network, int[] inputShape, params ReferenceLayer[] layers)
    {
        _layers = layers.ToList();
        var slices = network.Layout.ToList();
        int next = 0;
        var shapes = new List<int[]> { inputShape };
        for (int l = 0; l < _layers.Count; l++)
        {
            var layer = _layers[l];
            var sources = Sources(l);
            var offsets = layer.HasParameters ? (slices[next].Offset, slices[next + 1].Offset) : (-1, -1);
            shapes.Add(layer.Bind(sources.Select(s => shapes[s]).ToArray(), offsets));
            next += layer.ParameterSlices;
        }
        if (next != slices.Count) throw new InvalidOperationException("The reference layers do not match the layout.");
    }

    /// <summary>The tensors layer <paramref name="l"/> reads: 0 is the input, k the output of layer k − 1; the previous by default.</summary>
    private int[] Sources(int l) => _layers[l].Sources ?? [l];

    /// <summary>Every layer's output for one sample, the input first and the network output last.</summary>
    public List<double[]> Forward(ReadOnlySpan<float> parameters, double[] input)
    {
        var outputs = new List<double[]> { input };
        var p = parameters.ToArray();
        for (int l = 0; l < _layers.Count; l++) outputs.Add(_layers[l].Forward(p, Sources(l).Select(s => outputs[s]).ToArray()));
        return outputs;
    }

    /// <summary>
    /// Adds dL/dθ for one sample to <paramref name="gradients"/> and returns dL/dx, from dL/dy of the output. A tensor
    /// several layers read receives the sum of their gradients before its own layer's backward.
    /// </summary>
    public double[] Backward(ReadOnlySpan<float> parameters, List<double[]> outputs, double[] outputGradient, double[] gradients)
    {
        var p = parameters.ToArray();
        var g = outputs.Select(o => new double[o.Length]).ToList();
        g[^1] = (double[])outputGradient.Clone();
        for (int l = _layers.Count - 1; l >= 0; l--)
        {
            var sources = Sources(l);
            var dx = _layers[l].Backward(p, sources.Select(s => outputs[s]).ToArray(), outputs[l + 1], g[l + 1], gradients);
            for (int k = 0; k < sources.Length; k++)
            {
                for (int i = 0; i < dx[k].Length; i++) g[sources[k]][i] += dx[k][i];
            }
        }
        return g[0];
    }
}

public abstract class ReferenceLayer
{
    protected int WeightOffset, BiasOffset;

    public virtual bool HasParameters => false;

    /// <summary>The layout slices the layer owns: its weight and bias (the first two are bound), or none.</summary>
    public virtual int ParameterSlices => HasParameters ? 2 : 0;

    public int[] InputShape { get; private set; } = [];

    /// <summary>The tensors the layer reads (0: the network input, k: the output of layer k − 1); null: the previous layer's.</summary>
    public int[]? Sources { get; private set; }

    /// <summary>This layer, reading the tensors <paramref name="nodes"/> instead of the previous layer's output.</summary>
    public ReferenceLayer Reading(params int[] nodes)
    {
        Sources = nodes;
        return this;
    }

    public int[] Bind(int[] inputShape, (int Weight, int Bias) offsets) => Bind([inputShape], offsets);

    public int[] Bind(int[][] inputShapes, (int Weight, int Bias) offsets)
    {
        InputShape = inputShapes[0];
        (WeightOffset, BiasOffset) = offsets;
        return OutputShape(inputShapes);
    }

    /// <summary>The output shape for the shapes of the tensors read; one for every layer but a merge.</summary>
    protected virtual int[] OutputShape(int[][] inputs) => OutputShape(inputs[0]);

    protected virtual int[] OutputShape(int[] input) => throw new NotSupportedException();

    public virtual double[] Forward(float[] p, double[][] inputs) => Forward(p, inputs[0]);

    /// <summary>dL/d(each input) from dL/dy, adding dL/dθ to <paramref name="gradients"/>.</summary>
    public virtual double[][] Backward(float[] p, double[][] inputs, double[] y, double[] dy, double[] gradients) =>
        [Backward(p, inputs[0], y, dy, gradients)];

    public virtual double[] Forward(float[] p, double[] x) => throw new NotSupportedException();

    public virtual double[] Backward(float[] p, double[] x, double[] y, double[] dy, double[] gradients) => throw new NotSupportedException();

    public static ReferenceLayer Add(Activation activation, params int[] nodes) => new AddReference(activation).Reading(nodes);

    public static ReferenceLayer Concatenate(params int[] nodes) => new ConcatenateReference().Reading(nodes);

    public static ReferenceLayer Dense(int units, Activation activation = Activation.Linear) => new DenseReference(units, activation);

    /// <summary>A convolution: valid, same (Keras' placement), or with <paramref name="padding"/> zeros on each side (PyTorch's).</summary>
    public static ReferenceLayer Conv(int filters, int kernel, int stride = 1, bool same = false, Activation activation = Activation.Linear, int padding = 0) =>
        new ConvReference(filters, kernel, stride, same, activation, padding);

    public static ReferenceLayer ConvTranspose(int filters, int kernel, int stride, int padding, Activation activation = Activation.Linear) =>
        new ConvTransposeReference(filters, kernel, stride, padding, activation);

    public static ReferenceLayer MaxPool(int size, int stride) => new PoolReference(true, size, stride);

    public static ReferenceLayer AvgPool(int size, int stride) => new PoolReference(false, size, stride);

    public static ReferenceLayer Flatten() => new IdentityReference(flatten: true);

    public static ReferenceLayer GlobalAveragePool() => new GlobalAveragePoolReference();

    public static ReferenceLayer Upsample(int factor) => new UpsampleReference(factor);

    public static ReferenceLayer DropoutInInference() => new IdentityReference(flatten: false);

    /// <summary>A BatchNorm at inference (the running statistics), per feature of a vector or per channel of a map; forward only.</summary>
    public static ReferenceLayer BatchNormInference(double epsilon = 1e-5, Activation activation = Activation.Linear) => new BatchNormInferenceReference(epsilon, activation);

    protected static double[] Activate(double[] z, Activation activation)
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

    protected static double[] ActivationBackward(double[] y, double[] g, Activation activation)
    {
        var dz = new double[y.Length];
        switch (activation)
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
        return dz;
    }

    private sealed class DenseReference(int units, Activation activation) : ReferenceLayer
    {
        public override bool HasParameters => true;

        protected override int[] OutputShape(int[] input) => [units];

        public override double[] Forward(float[] p, double[] x)
        {
            var z = new double[units];
            for (int j = 0; j < units; j++)
            {
                double sum = p[BiasOffset + j];
                for (int k = 0; k < x.Length; k++) sum += x[k] * p[WeightOffset + k * units + j];
                z[j] = sum;
            }
            return Activate(z, activation);
        }

        public override double[] Backward(float[] p, double[] x, double[] y, double[] dy, double[] gradients)
        {
            var dz = ActivationBackward(y, dy, activation);
            var dx = new double[x.Length];
            for (int k = 0; k < x.Length; k++)
            {
                for (int j = 0; j < units; j++)
                {
                    gradients[WeightOffset + k * units + j] += x[k] * dz[j];
                    dx[k] += dz[j] * p[WeightOffset + k * units + j];
                }
            }
            for (int j = 0; j < units; j++) gradients[BiasOffset + j] += dz[j];
            return dx;
        }
    }

    private sealed class ConvReference(int filters, int kernel, int stride, bool same, Activation activation, int padding) : ReferenceLayer
    {
        private int _c, _h, _w, _oh, _ow, _padTop, _padLeft;

        public override bool HasParameters => true;

        protected override int[] OutputShape(int[] input)
        {
            (_c, _h, _w) = (input[0], input[1], input[2]);
            _oh = same ? (_h + stride - 1) / stride : (_h + 2 * padding - kernel) / stride + 1;
            _ow = same ? (_w + stride - 1) / stride : (_w + 2 * padding - kernel) / stride + 1;
            _padTop = same ? Math.Max((_oh - 1) * stride + kernel - _h, 0) / 2 : padding;
            _padLeft = same ? Math.Max((_ow - 1) * stride + kernel - _w, 0) / 2 : padding;
            return [filters, _oh, _ow];
        }

        private int W(int c, int ky, int kx, int f) => WeightOffset + ((c * kernel + ky) * kernel + kx) * filters + f;

        private IEnumerable<(int F, int Oy, int Ox, int C, int Ky, int Kx, int Input)> Taps()
        {
            for (int f = 0; f < filters; f++)
            for (int oy = 0; oy < _oh; oy++)
            for (int ox = 0; ox < _ow; ox++)
            for (int c = 0; c < _c; c++)
            for (int ky = 0; ky < kernel; ky++)
            for (int kx = 0; kx < kernel; kx++)
            {
                int iy = oy * stride + ky - _padTop, ix = ox * stride + kx - _padLeft;
                if (iy >= 0 && iy < _h && ix >= 0 && ix < _w) yield return (f, oy, ox, c, ky, kx, (c * _h + iy) * _w + ix);
            }
        }

        public override double[] Forward(float[] p, double[] x)
        {
            var z = new double[filters * _oh * _ow];
            for (int f = 0; f < filters; f++)
            for (int o = 0; o < _oh * _ow; o++) z[f * _oh * _ow + o] = p[BiasOffset + f];
            foreach (var t in Taps()) z[(t.F * _oh + t.Oy) * _ow + t.Ox] += p[W(t.C, t.Ky, t.Kx, t.F)] * x[t.Input];
            return Activate(z, activation);
        }

        public override double[] Backward(float[] p, double[] x, double[] y, double[] dy, double[] gradients)
        {
            var dz = ActivationBackward(y, dy, activation);
            var dx = new double[x.Length];
            for (int f = 0; f < filters; f++)
            for (int o = 0; o < _oh * _ow; o++) gradients[BiasOffset + f] += dz[f * _oh * _ow + o];
            foreach (var t in Taps())
            {
                double d = dz[(t.F * _oh + t.Oy) * _ow + t.Ox];
                gradients[W(t.C, t.Ky, t.Kx, t.F)] += d * x[t.Input];
                dx[t.Input] += d * p[W(t.C, t.Ky, t.Kx, t.F)];
            }
            return dx;
        }
    }

    /// <summary>PyTorch's ConvTranspose2d by its definition: input (c, iy, ix) adds x·W[c, ky, kx, f] at (iy·s − p + ky, ix·s − p + kx).</summary>
    private sealed class ConvTransposeReference(int filters, int kernel, int stride, int padding, Activation activation) : ReferenceLayer
    {
        private int _c, _h, _w, _oh, _ow;

        public override bool HasParameters => true;

        protected override int[] OutputShape(int[] input)
        {
            (_c, _h, _w) = (input[0], input[1], input[2]);
            (_oh, _ow) = ((_h - 1) * stride - 2 * padding + kernel, (_w - 1) * stride - 2 * padding + kernel);
            return [filters, _oh, _ow];
        }

        private int W(int c, int ky, int kx, int f) => WeightOffset + ((c * kernel + ky) * kernel + kx) * filters + f;

        private IEnumerable<(int F, int Output, int C, int Ky, int Kx, int Input)> Taps()
        {
            for (int c = 0; c < _c; c++)
            for (int iy = 0; iy < _h; iy++)
            for (int ix = 0; ix < _w; ix++)
            for (int ky = 0; ky < kernel; ky++)
            for (int kx = 0; kx < kernel; kx++)
            for (int f = 0; f < filters; f++)
            {
                int oy = iy * stride - padding + ky, ox = ix * stride - padding + kx;
                if (oy >= 0 && oy < _oh && ox >= 0 && ox < _ow) yield return (f, (f * _oh + oy) * _ow + ox, c, ky, kx, (c * _h + iy) * _w + ix);
            }
        }

        public override double[] Forward(float[] p, double[] x)
        {
            var z = new double[filters * _oh * _ow];
            for (int f = 0; f < filters; f++)
            for (int o = 0; o < _oh * _ow; o++) z[f * _oh * _ow + o] = p[BiasOffset + f];
            foreach (var t in Taps()) z[t.Output] += p[W(t.C, t.Ky, t.Kx, t.F)] * x[t.Input];
            return Activate(z, activation);
        }

        public override double[] Backward(float[] p, double[] x, double[] y, double[] dy, double[] gradients)
        {
            var dz = ActivationBackward(y, dy, activation);
            var dx = new double[x.Length];
            for (int f = 0; f < filters; f++)
            for (int o = 0; o < _oh * _ow; o++) gradients[BiasOffset + f] += dz[f * _oh * _ow + o];
            foreach (var t in Taps())
            {
                gradients[W(t.C, t.Ky, t.Kx, t.F)] += dz[t.Output] * x[t.Input];
                dx[t.Input] += dz[t.Output] * p[W(t.C, t.Ky, t.Kx, t.F)];
            }
            return dx;
        }
    }

    private sealed class PoolReference(bool max, int size, int stride) : ReferenceLayer
    {
        private int _c, _h, _w, _oh, _ow;

        protected override int[] OutputShape(int[] input)
        {
            (_c, _h, _w) = (input[0], input[1], input[2]);
            (_oh, _ow) = ((_h - size) / stride + 1, (_w - size) / stride + 1);
            return [_c, _oh, _ow];
        }

        private IEnumerable<int> Window(int c, int oy, int ox)
        {
            for (int ky = 0; ky < size; ky++)
            for (int kx = 0; kx < size; kx++) yield return (c * _h + oy * stride + ky) * _w + ox * stride + kx;
        }

        public override double[] Forward(float[] p, double[] x)
        {
            var y = new double[_c * _oh * _ow];
            for (int c = 0; c < _c; c++)
            for (int oy = 0; oy < _oh; oy++)
            for (int ox = 0; ox < _ow; ox++)
            {
                var values = Window(c, oy, ox).Select(i => x[i]);
                y[(c * _oh + oy) * _ow + ox] = max ? values.Max() : values.Average();
            }
            return y;
        }

        public override double[] Backward(float[] p, double[] x, double[] y, double[] dy, double[] gradients)
        {
            var dx = new double[x.Length];
            for (int c = 0; c < _c; c++)
            for (int oy = 0; oy < _oh; oy++)
            for (int ox = 0; ox < _ow; ox++)
            {
                double d = dy[(c * _oh + oy) * _ow + ox];
                if (max)
                {
                    int best = Window(c, oy, ox).First();
                    foreach (int i in Window(c, oy, ox)) if (x[i] > x[best]) best = i;
                    dx[best] += d;
                }
                else
                {
                    foreach (int i in Window(c, oy, ox)) dx[i] += d / (size * size);
                }
            }
            return dx;
        }
    }

    /// <summary>Each channel's mean over its positions: [C, H, W] → [C].</summary>
    private sealed class GlobalAveragePoolReference : ReferenceLayer
    {
        private int _positions;

        protected override int[] OutputShape(int[] input)
        {
            _positions = input[1] * input[2];
            return [input[0]];
        }

        public override double[] Forward(float[] p, double[] x) =>
            Enumerable.Range(0, x.Length / _positions).Select(c => x.Skip(c * _positions).Take(_positions).Average()).ToArray();

        public override double[] Backward(float[] p, double[] x, double[] y, double[] dy, double[] gradients) =>
            Enumerable.Range(0, x.Length).Select(i => dy[i / _positions] / _positions).ToArray();
    }

    /// <summary>Nearest-neighbour upsampling: [C, H, W] → [C, H·f, W·f], y[c, i, j] = x[c, i / f, j / f].</summary>
    private sealed class UpsampleReference(int factor) : ReferenceLayer
    {
        private int _c, _h, _w;

        protected override int[] OutputShape(int[] input)
        {
            (_c, _h, _w) = (input[0], input[1], input[2]);
            return [_c, _h * factor, _w * factor];
        }

        private int Source(int output)
        {
            int oh = _h * factor, ow = _w * factor;
            int c = output / (oh * ow), i = output / ow % oh, j = output % ow;
            return (c * _h + i / factor) * _w + j / factor;
        }

        public override double[] Forward(float[] p, double[] x) =>
            Enumerable.Range(0, _c * _h * _w * factor * factor).Select(o => x[Source(o)]).ToArray();

        public override double[] Backward(float[] p, double[] x, double[] y, double[] dy, double[] gradients)
        {
            var dx = new double[x.Length];
            for (int o = 0; o < dy.Length; o++) dx[Source(o)] += dy[o];
            return dx;
        }
    }

    /// <summary>y = activation(Σ inputs); each input receives dL/dz whole.</summary>
    private sealed class AddReference(Activation activation) : ReferenceLayer
    {
        protected override int[] OutputShape(int[][] inputs) => inputs.All(s => s.SequenceEqual(inputs[0]))
            ? inputs[0]
            : throw new InvalidOperationException("Add of different shapes");

        public override double[] Forward(float[] p, double[][] inputs) =>
            Activate(Enumerable.Range(0, inputs[0].Length).Select(i => inputs.Sum(x => x[i])).ToArray(), activation);

        public override double[][] Backward(float[] p, double[][] inputs, double[] y, double[] dy, double[] gradients)
        {
            var dz = ActivationBackward(y, dy, activation);
            return inputs.Select(_ => (double[])dz.Clone()).ToArray();
        }
    }

    /// <summary>The inputs one after another along the first axis (channels of maps, features of vectors).</summary>
    private sealed class ConcatenateReference : ReferenceLayer
    {
        protected override int[] OutputShape(int[][] inputs) => [inputs.Sum(s => s[0]), .. inputs[0].Skip(1)];

        public override double[] Forward(float[] p, double[][] inputs) => inputs.SelectMany(x => x).ToArray();

        public override double[][] Backward(float[] p, double[][] inputs, double[] y, double[] dy, double[] gradients)
        {
            var dx = new double[inputs.Length][];
            int offset = 0;
            for (int k = 0; k < inputs.Length; k++)
            {
                dx[k] = dy.Skip(offset).Take(inputs[k].Length).ToArray();
                offset += inputs[k].Length;
            }
            return dx;
        }
    }

    // Slices gain, bias, running mean, running variance, each one value per channel: bound as (gain, bias), the
    // statistics right after the bias.
    private sealed class BatchNormInferenceReference(double epsilon, Activation activation) : ReferenceLayer
    {
        public override bool HasParameters => true;

        public override int ParameterSlices => 4;

        protected override int[] OutputShape(int[] input) => input;

        public override double[] Forward(float[] p, double[] x)
        {
            int channels = InputShape[0], positions = x.Length / channels;
            var z = new double[x.Length];
            for (int c = 0; c < channels; c++)
            {
                double mean = p[BiasOffset + channels + c], variance = p[BiasOffset + 2 * channels + c];
                for (int i = c * positions; i < (c + 1) * positions; i++)
                {
                    z[i] = p[WeightOffset + c] * (x[i] - mean) / Math.Sqrt(variance + epsilon) + p[BiasOffset + c];
                }
            }
            return Activate(z, activation);
        }
    }

    private sealed class IdentityReference(bool flatten) : ReferenceLayer
    {
        protected override int[] OutputShape(int[] input) => flatten ? [input.Aggregate(1, (a, b) => a * b)] : input;

        public override double[] Forward(float[] p, double[] x) => (double[])x.Clone();

        public override double[] Backward(float[] p, double[] x, double[] y, double[] dy, double[] gradients) => (double[])dy.Clone();
    }
}
