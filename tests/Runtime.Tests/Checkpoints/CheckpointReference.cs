using System;
using System.Text;

namespace DslNet.Tests;

/// <summary>Bit-by-bit reference implementations of the checksum and hash the checkpoint format documents.</summary>
public static class CheckpointReference
{
    /// <summary>CRC-32 (IEEE, reflected 0xEDB88320), one bit at a time.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }

    /// <summary>64-bit FNV-1a.</summary>
    public static ulong Fnv1a64(ReadOnlySpan<byte> data)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in data) hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }

    public static ulong Fnv1a64(string text) => Fnv1a64(Encoding.UTF8.GetBytes(text));

    /// <summary>Rewrites the trailing CRC-32 after a deliberate edit, so a test reaches the checks behind the checksum.</summary>
    public static void FixChecksum(byte[] file)
    {
        uint crc = Crc32(file.AsSpan(0, file.Length - 4));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(file.Length - 4), crc);
    }
}
