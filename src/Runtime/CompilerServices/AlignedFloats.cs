using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace DslNet.CompilerServices;

/// <summary>
/// Float arrays whose first element sits on a 64-byte boundary (a cache line), for the buffers of generated networks.
/// A 32-byte vector load that straddles two cache lines costs two loads; with an array 8 bytes off a line, half of a
/// matrix product's loads straddle one, and where an array lands is up to the GC. Arrays from here live on the pinned
/// object heap, so the GC never moves them off the boundary.
/// </summary>
/// <remarks>
/// Alignment is best effort and a matter of speed only: a misaligned array works the same. The pinned heap places a
/// new object right after the last one until collections leave gaps in it, so a filler of the right size puts the next
/// array on the boundary; that is the case for a program's first networks. Once the heap has gaps, an array may land in
/// one, so fewer arrays come out aligned, though still more than by chance. Aligned operands make a matrix product
/// clearly faster on its own; end to end the gain is smaller and partly hidden by the host's noise. docs/mlp.md
/// ("Measured speed") has the figures for both, and for how often an array lands on the boundary.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AlignedFloats
{
    private const int Boundary = 64;
    private const int MaximumAttempts = 8;

    // An array's header (the sync block, the type and the length) takes 24 bytes before its first element.
    private const int HeaderSize = 24;

    /// <summary>A zeroed array of <paramref name="length"/> floats, aligned to 64 bytes where the heap allows it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public static float[] Allocate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var array = GC.AllocateArray<float>(length, pinned: true);
        for (int attempt = 0; attempt < MaximumAttempts && Misalignment(array) != 0; attempt++)
        {
            // The next object would start where this array ends: a filler there moves the next array's first element
            // onto the boundary. The misaligned array and the filler are garbage.
            long end = Address(array) + ObjectSize(length);
            int filler = (int)((Boundary - end % Boundary) % Boundary);
            if (filler < HeaderSize) filler += Boundary;
            GC.AllocateUninitializedArray<byte>(filler - HeaderSize, pinned: true);
            array = GC.AllocateArray<float>(length, pinned: true);
        }
        return array;
    }

    /// <summary>How many bytes the first element of <paramref name="array"/> lies past a 64-byte boundary (0 to 63).</summary>
    public static int Misalignment(float[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        return (int)(Address(array) % Boundary);
    }

    private static long ObjectSize(int length) => (HeaderSize + 4L * length + 7) / 8 * 8;

    // The address of the first element; the handle only reads it (the array is pinned already, or would not stay put).
    private static long Address(float[] array)
    {
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            return handle.AddrOfPinnedObject();
        }
        finally
        {
            handle.Free();
        }
    }
}
