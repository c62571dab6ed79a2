using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DslNet.Mpi;

/// <summary>
/// A cheap 64-bit checksum of a float vector's exact bits, to tell whether replicas hold bit-identical parameters: eight
/// lanes each fold their values by multiply-and-add (so the order of values matters), then the lanes are mixed into one
/// number. One pass at vector speed; equal vectors always give equal checksums, different ones almost never do.
/// </summary>
internal static class ParameterChecksum
{
    private const uint Multiplier = 0x01000193; // FNV-1a's 32-bit prime

    public static ulong Of(ReadOnlySpan<float> values)
    {
        ReadOnlySpan<uint> bits = MemoryMarshal.Cast<float, uint>(values);
        var lanes = Vector256.Create(0x811C9DC5u); // FNV-1a's offset basis
        var multiplier = Vector256.Create(Multiplier);
        int i = 0;
        for (; i <= bits.Length - Vector256<uint>.Count; i += Vector256<uint>.Count)
        {
            lanes = lanes * multiplier + Vector256.Create(bits.Slice(i, Vector256<uint>.Count));
        }
        ulong hash = 0xCBF29CE484222325UL ^ (ulong)bits.Length;
        for (int lane = 0; lane < Vector256<uint>.Count; lane++) hash = Mix(hash, lanes[lane]);
        for (; i < bits.Length; i++) hash = Mix(hash, bits[i]);
        return hash;
    }

    // One 64-bit multiply-xorshift round per word (as in SplitMix64's finaliser), so every lane moves every output bit.
    private static ulong Mix(ulong hash, uint word)
    {
        hash ^= word;
        hash *= 0xBF58476D1CE4E5B9UL;
        return hash ^ (hash >> 31);
    }
}
