using System;
using System.Threading;
using DslNet.CompilerServices;

namespace DslNet;

/// <summary>
/// The networks that can run one row range (1 or more) of a <see cref="DataParallelNetwork"/>'s batch: the range's
/// replica and, where a re-run computes the same bits, a spare that the caller backs a late worker up on. Each copy is
/// claimed by one thread at a time with an atomic flag, writes its outputs and input gradients into buffers of its own,
/// and remembers which training forward its activations belong to, so a backward runs on a copy that holds them.
/// </summary>
internal sealed class RangeCopies
{
    private readonly INetwork[] _networks;
    private readonly int[] _busy;
    // The training forward whose activations each copy holds, or -1 (none, or an inference forward since).
    private readonly long[] _forward;
    private readonly float[][] _output, _inputGradient;
    // The rows every copy's network has run a forward of, so its own buffers hold them.
    private int _rows;

    /// <param name="network">The network replicated.</param>
    /// <param name="stream">The replica's random stream: the range number, as before spares existed.</param>
    /// <param name="count">1 (the replica alone) or 2 (with a spare).</param>
    public RangeCopies(INetwork network, int stream, int count)
    {
        _networks = new INetwork[count];
        for (int c = 0; c < count; c++) _networks[c] = network.CreateReplica(stream);
        _busy = new int[count];
        _forward = new long[count];
        _forward.AsSpan().Fill(-1);
        _output = new float[count][];
        _inputGradient = new float[count][];
        for (int c = 0; c < count; c++) _output[c] = _inputGradient[c] = [];
    }

    /// <summary>The copies: 1, or 2 with a spare.</summary>
    public int Count => _networks.Length;

    public INetwork this[int copy] => _networks[copy];

    /// <summary>Claims <paramref name="copy"/> for the calling thread; false when another thread holds it.</summary>
    public bool TryClaim(int copy) => Interlocked.CompareExchange(ref _busy[copy], 1, 0) == 0;

    /// <summary>Claims the first free copy; -1 when every copy is held.</summary>
    public int TryClaimAny()
    {
        for (int c = 0; c < _networks.Length; c++)
        {
            if (TryClaim(c)) return c;
        }
        return -1;
    }

    /// <summary>Claims a free copy that holds training forward <paramref name="forward"/>; -1 when none does.</summary>
    public int TryClaimHolding(long forward)
    {
        for (int c = 0; c < _networks.Length; c++)
        {
            if (Volatile.Read(ref _forward[c]) != forward || !TryClaim(c)) continue;
            // Another thread may have re-run the copy between the look and the claim.
            if (Volatile.Read(ref _forward[c]) == forward) return c;
            Release(c);
        }
        return -1;
    }

    public void Release(int copy) => Volatile.Write(ref _busy[copy], 0);

    /// <summary>Whether some thread holds a copy (a late run still finishing).</summary>
    public bool AnyBusy
    {
        get
        {
            for (int c = 0; c < _busy.Length; c++)
            {
                if (Volatile.Read(ref _busy[c]) != 0) return true;
            }
            return false;
        }
    }

    /// <summary>Records which training forward <paramref name="copy"/>'s activations belong to (-1: none); by its holder.</summary>
    public void SetForward(int copy, long forward) => Volatile.Write(ref _forward[copy], forward);

    /// <summary><paramref name="copy"/>'s output rows, <paramref name="length"/> floats.</summary>
    public Span<float> Output(int copy, int length) => _output[copy].AsSpan(0, length);

    /// <summary><paramref name="copy"/>'s input-gradient rows, <paramref name="length"/> floats.</summary>
    public Span<float> InputGradient(int copy, int length) => _inputGradient[copy].AsSpan(0, length);

    /// <summary>Whether every copy's own buffers hold <paramref name="rows"/> rows at these sizes.</summary>
    public bool Fits(int rows, int inputSize, int outputSize)
    {
        for (int c = 0; c < _networks.Length; c++)
        {
            if (_output[c].Length < rows * outputSize || _inputGradient[c].Length < rows * inputSize) return false;
        }
        return true;
    }

    /// <summary>
    /// Grows every copy's buffers to <paramref name="rows"/> rows, its network's included (an inference forward on
    /// zeros), so that a steady step allocates nothing whichever copy it runs on. Every copy must be free.
    /// </summary>
    public void EnsureCapacity(int rows, int inputSize, int outputSize)
    {
        for (int c = 0; c < _networks.Length; c++)
        {
            if (_output[c].Length >= rows * outputSize && _inputGradient[c].Length >= rows * inputSize && rows <= _rows) continue;
            _output[c] = AlignedFloats.Allocate(checked(rows * outputSize));
            _inputGradient[c] = AlignedFloats.Allocate(checked(rows * inputSize));
            _networks[c].Forward(new float[rows * inputSize], _output[c].AsSpan(0, rows * outputSize), rows, training: false);
            _forward[c] = -1;
        }
        _rows = Math.Max(_rows, rows);
    }
}
