using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace DslNet.Tests;

/// <summary>Writes small IDX files for the reader's tests.</summary>
public static class IdxTestFiles
{
    /// <summary>The bytes of an IDX file: the magic number, big-endian dimensions, then the data.</summary>
    public static byte[] Bytes(int magic, int[] dimensions, ReadOnlySpan<byte> data)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int d = 0; d < dimensions.Length; d++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dimensions[d]);
        data.CopyTo(bytes.AsSpan(4 + 4 * dimensions.Length));
        return bytes;
    }

    public static byte[] Images(int count, int height, int width, ReadOnlySpan<byte> pixels) =>
        Bytes(IdxReader.ImagesMagic, [count, height, width], pixels);

    public static byte[] Labels(ReadOnlySpan<byte> labels) => Bytes(IdxReader.LabelsMagic, [labels.Length], labels);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, gzip-compressed if asked.</summary>
    public static string Write(string path, byte[] bytes, bool gzip)
    {
        using var file = File.Create(path);
        if (gzip)
        {
            using var compressed = new GZipStream(file, CompressionLevel.Fastest);
            compressed.Write(bytes);
        }
        else
        {
            file.Write(bytes);
        }
        return path;
    }

    /// <summary>Seeded pixel bytes covering 0…255.</summary>
    public static byte[] Pixels(int length, int seed)
    {
        var random = new FastRandom(seed);
        var pixels = new byte[length];
        for (int i = 0; i < length; i++) pixels[i] = (byte)random.NextInt(256);
        if (length >= 2)
        {
            pixels[0] = 0;
            pixels[^1] = 255;
        }
        return pixels;
    }
}
