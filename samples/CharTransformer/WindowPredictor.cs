using System;
using DslNet.Samples;

namespace CharTransformerSample;

/// <summary>
/// The transformer one character at a time. It carries no state: every prediction reads the last characters again,
/// at most the <paramref name="window"/> of steps it was trained on, and takes the last step's output. Past the first
/// window the oldest character drops out, so each prediction sees as much text as the last step of a training window.
/// </summary>
internal sealed class WindowPredictor(TransformerLanguageModel network, int window) : ICharacterPredictor
{
    private readonly float[] _context = new float[window];
    private readonly float[] _output = new float[window * TransformerLanguageModel.StepOutputSize];
    private int _count;

    public void Reset() => _count = 0;

    public ReadOnlySpan<float> Read(int id)
    {
        if (_count == window)
        {
            _context.AsSpan(1).CopyTo(_context);
            _count--;
        }
        _context[_count++] = id;
        network.TimeSteps = _count;
        int classes = TransformerLanguageModel.StepOutputSize;
        network.Forward(_context.AsSpan(0, _count), _output.AsSpan(0, _count * classes), batch: 1);
        return _output.AsSpan((_count - 1) * classes, classes);
    }
}
