using System;

namespace DslNet;

/// <summary>
/// CRC-32 as zlib, PNG and gzip compute it (IEEE 802.3: reflected polynomial 0xEDB88320, initial value and
/// final XOR 0xFFFFFFFF), so a checkpoint's checksum can be checked with everyday tools. Written here because
/// System.IO.Hashing is a package, not part of the shared framework.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] s_table = CreateTable();

    /// <summary>The state to start a running checksum from; <see cref="Finish"/> turns a state into the checksum.</summary>
    public const uint Start = 0xFFFFFFFFu;

    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Update(Start, data));

    /// <summary>Adds <paramref name="data"/> to a running checksum's <paramref name="state"/>, for data that arrives in pieces.</summary>
    public static uint Update(uint state, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data) state = s_table[(state ^ b) & 0xFF] ^ (state >> 8);
        return state;
    }

    public static uint Finish(uint state) => ~state;

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
