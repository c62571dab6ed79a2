using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace DslNet.CompilerServices;

/// <summary>
/// The transposed convolution for generated code, sample by sample over rows of [channels, height, width] maps, with
/// weights [channels, kernel, kernel, filters]: each input position's values times the weights give its kernel-sized block
/// of outputs (columns = xᵀ·W), which is added into the output at stride steps, cropped by the padding (col2im). Backward
/// gathers the output gradient back into columns: the input gradient is columns·Wᵀ, the weight gradient x·columns.
/// The inner loops are <see cref="TensorPrimitives"/> over the filters, contiguous in both the weights and the columns.
/// Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TransposedConvolution
{
    /// <summary>
    /// <c>output[r, f, oy, ox] = bias[f] + Σ input[r, c, iy, ix]·weight[c, ky, kx, f]</c> over oy = iy·stride − padding + ky
    /// (and likewise for x). <paramref name="columns"/> and <paramref name="planes"/> are one sample's scratch.
    /// </summary>
    public static void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> output,
        Span<float> columns, Span<float> planes, int rows, TransposedConvolutionShape shape)
    {
        int positions = shape.Height * shape.Width, block = shape.Kernel * shape.Kernel * shape.Filters;
        int outPositions = shape.OutputHeight * shape.OutputWidth, filters = shape.Filters;
        weight = weight.Slice(0, shape.Channels * block);
        bias = bias.Slice(0, filters);
        columns = columns.Slice(0, shape.ColumnsSize);
        planes = planes.Slice(0, shape.PlanesSize);
        for (int r = 0; r < rows; r++)
        {
            var x = input.Slice(r * shape.InputSize, shape.InputSize);
            var y = output.Slice(r * shape.OutputSize, shape.OutputSize);
            columns.Clear();
            for (int c = 0; c < shape.Channels; c++)
            {
                var kernels = weight.Slice(c * block, block);
                for (int p = 0; p < positions; p++)
                {
                    float value = x[c * positions + p];
                    if (value != 0f)
                    {
                        var column = columns.Slice(p * block, block);
                        TensorPrimitives.MultiplyAdd(kernels, value, column, column);
                    }
                }
            }
            planes.Clear();
            foreach (var (p, tap, o) in Taps(shape))
            {
                var plane = planes.Slice(o * filters, filters);
                TensorPrimitives.Add(plane, columns.Slice(p * block + tap * filters, filters), plane);
            }
            for (int o = 0; o < outPositions; o++)
            {
                for (int f = 0; f < filters; f++) y[f * outPositions + o] = planes[o * filters + f] + bias[f];
            }
        }
    }

    /// <summary>Adds dL/dweight and dL/dbias from the input and dL/dz; <paramref name="columns"/> is one sample's scratch.</summary>
    public static void ParameterGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> delta, Span<float> weightGradient, Span<float> biasGradient,
        Span<float> columns, int rows, TransposedConvolutionShape shape)
    {
        int positions = shape.Height * shape.Width, block = shape.Kernel * shape.Kernel * shape.Filters;
        int outPositions = shape.OutputHeight * shape.OutputWidth;
        weightGradient = weightGradient.Slice(0, shape.Channels * block);
        columns = columns.Slice(0, shape.ColumnsSize);
        for (int r = 0; r < rows; r++)
        {
            var x = input.Slice(r * shape.InputSize, shape.InputSize);
            var dz = delta.Slice(r * shape.OutputSize, shape.OutputSize);
            for (int f = 0; f < shape.Filters; f++) biasGradient[f] += TensorPrimitives.Sum(dz.Slice(f * outPositions, outPositions));
            GatherColumns(dz, columns, shape);
            for (int c = 0; c < shape.Channels; c++)
            {
                var kernels = weightGradient.Slice(c * block, block);
                for (int p = 0; p < positions; p++)
                {
                    float value = x[c * positions + p];
                    if (value != 0f) TensorPrimitives.MultiplyAdd(columns.Slice(p * block, block), value, kernels, kernels);
                }
            }
        }
    }

    /// <summary>Writes dL/dx from dL/dz: each input value's gradient is its column of output gradients times its weights.</summary>
    public static void InputGradient(ReadOnlySpan<float> delta, ReadOnlySpan<float> weight, Span<float> inputGradient, Span<float> columns,
        int rows, TransposedConvolutionShape shape)
    {
        int positions = shape.Height * shape.Width, block = shape.Kernel * shape.Kernel * shape.Filters;
        weight = weight.Slice(0, shape.Channels * block);
        columns = columns.Slice(0, shape.ColumnsSize);
        for (int r = 0; r < rows; r++)
        {
            var dz = delta.Slice(r * shape.OutputSize, shape.OutputSize);
            var dx = inputGradient.Slice(r * shape.InputSize, shape.InputSize);
            GatherColumns(dz, columns, shape);
            for (int c = 0; c < shape.Channels; c++)
            {
                var kernels = weight.Slice(c * block, block);
                for (int p = 0; p < positions; p++) dx[c * positions + p] = TensorPrimitives.Dot(columns.Slice(p * block, block), kernels);
            }
        }
    }

    /// <summary>columns[p, ky, kx, f] = dz[f, oy, ox] where that tap lands inside the output, else 0.</summary>
    private static void GatherColumns(ReadOnlySpan<float> dz, Span<float> columns, TransposedConvolutionShape shape)
    {
        int block = shape.Kernel * shape.Kernel * shape.Filters, filters = shape.Filters;
        int outPositions = shape.OutputHeight * shape.OutputWidth;
        columns.Clear();
        foreach (var (p, tap, o) in Taps(shape))
        {
            var column = columns.Slice(p * block + tap * filters, filters);
            for (int f = 0; f < filters; f++) column[f] = dz[f * outPositions + o];
        }
    }

    /// <summary>Every (input position, kernel tap ky·k + kx, output position) whose output lies inside the cropped map.</summary>
    private static TapEnumerator Taps(TransposedConvolutionShape shape) => new(shape);

    /// <summary>An allocation-free enumerator of the taps (a generated step allocates nothing).</summary>
    private ref struct TapEnumerator(TransposedConvolutionShape shape)
    {
        private readonly int _outHeight = shape.OutputHeight, _outWidth = shape.OutputWidth;
        private int _iy, _ix, _ky, _kx = -1;

        public readonly TapEnumerator GetEnumerator() => this;

        public (int Position, int Tap, int Output) Current { get; private set; }

        public bool MoveNext()
        {
            while (true)
            {
                if (++_kx == shape.Kernel)
                {
                    _kx = 0;
                    if (++_ky == shape.Kernel)
                    {
                        _ky = 0;
                        if (++_ix == shape.Width)
                        {
                            _ix = 0;
                            if (++_iy == shape.Height) return false;
                        }
                    }
                }
                int oy = _iy * shape.Stride - shape.Padding + _ky, ox = _ix * shape.Stride - shape.Padding + _kx;
                if ((uint)oy < (uint)_outHeight && (uint)ox < (uint)_outWidth)
                {
                    Current = (_iy * shape.Width + _ix, _ky * shape.Kernel + _kx, oy * _outWidth + ox);
                    return true;
                }
            }
        }
    }
}
