using System;
using System.Runtime.InteropServices;

namespace DslNet;

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
/// one. In a test that allocated 2,000 arrays of up to 800 KB and dropped most of them, about two in five still came
/// out aligned (one in eight would by chance); of 2,000 small arrays, 96 %.
/// Measured (Zen 3, AVX2): W1's 64×784×128 product alone ran at 86-90 GFLOP/s with both operands on the boundary,
/// 77-81 with both 8 bytes off it, and 62-76 with plain arrays wherever they landed. End to end, in 8 alternating runs
/// of each build, W1's median went from about 115 k to 120 k samples/s and W5's from 2.57 k to 3.19 k sequences/s;
/// both builds had slow runs, so the host's noise is still larger than this.
/// </remarks>
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
