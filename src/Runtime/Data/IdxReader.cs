using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.CompilerServices;

namespace DslNet;

/// <summary>
/// Reads the IDX format of MNIST and Fashion-MNIST: unsigned-byte images (magic 0x00000803, dimensions
/// [count, height, width]) and labels (magic 0x00000801, dimension [count]), with big-endian int32
/// dimensions. Files may be gzip-compressed, recognised by their first two bytes (1F 8B) whatever their name.
/// </summary>
public static class IdxReader
{
    /// <summary>The default pixel scale, 1/255, which maps grey levels 0…255 onto [0, 1].</summary>
    public const float DefaultScale = 1f / 255;

    /// <summary>The magic number of a file of unsigned-byte images, [count, height, width].</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>The magic number of a file of unsigned-byte labels, [count].</summary>
    public const int LabelsMagic = 0x00000801;

    private const byte UnsignedByteType = 0x08;

    // Decoded bytes handled per step: large enough to amortise the calls, small enough to stay in cache.
    private const int ChunkSize = 1 << 16;

    /// <summary>
    /// Reads an IDX image file: every pixel multiplied by <paramref name="scale"/>, laid out
    /// [count, 1, height, width] in row-major order.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an IDX file of unsigned-byte 3-D images, or holds fewer or more bytes than its header promises; the message names the file, what was expected and what was found.</exception>
    /// <exception cref="ArgumentException"><paramref name="scale"/> is not finite.</exception>
    public static IdxImages ReadImages(string path, float scale = DefaultScale)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckScale(scale);
        using Stream stream = Open(path);
        (int count, int height, int width) = ReadImagesHeader(stream, path);
        return ReadPixels(stream, path, count, height, width, scale);
    }

    /// <summary>
    /// Reads an IDX label file. With <paramref name="classCount"/>, every label must lie in [0, classCount).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an IDX file of unsigned-byte 1-D labels, holds fewer or more bytes than its header promises, or a label lies outside [0, classCount); the message names the file, what was expected and what was found.</exception>
    /// <exception cref="ArgumentException"><paramref name="classCount"/> is below 1.</exception>
    public static int[] ReadLabels(string path, int? classCount = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (classCount < 1)
        {
            throw new ArgumentException($"classCount must be at least 1, got {classCount}.", nameof(classCount));
        }
        using Stream stream = Open(path);
        int[] dimensions = ReadHeader(stream, path, LabelsMagic, "labels");
        int count = dimensions[0];
        long available = Available(stream);
        if (available < count)
        {
            throw Invalid(path, $"the file is truncated: its header promises {count} labels ({count} bytes after the header), but the data ends after {available} bytes");
        }
        var labels = new int[count];
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Min(ChunkSize, Math.Max(count, 1)));
        try
        {
            int done = 0;
            while (done < count)
            {
                int wanted = Math.Min(buffer.Length, count - done);
                int read = ReadBlock(stream, path, buffer.AsSpan(0, wanted));
                Widen(buffer.AsSpan(0, read), labels.AsSpan(done, read));
                done += read;
                if (read < wanted)
                {
                    throw Invalid(path, $"the file is truncated: its header promises {count} labels ({count} bytes after the header), but the data ends after {done} bytes");
                }
            }
            EnsureEnd(stream, path, buffer, $"{count} labels ({count} bytes after the header)");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if (classCount is int classes)
        {
            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] >= classes)
                {
                    throw Invalid(path, $"label {i} is {labels[i]}, outside the classes [0, {classes}); expected every label below {classes}");
                }
            }
        }
        return labels;
    }

    /// <summary>
    /// Loads a classification dataset from an IDX image file and the IDX label file of the same images:
    /// inputs [count, 1, height, width] scaled by <paramref name="scale"/>, one-hot targets [count, classCount].
    /// </summary>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is malformed or truncated, the files hold different numbers of images and labels, a label lies outside [0, classCount), or the files hold no images; the message names the file(s) at fault.</exception>
    /// <exception cref="ArgumentException"><paramref name="classCount"/> is below 2 or <paramref name="scale"/> is not finite.</exception>
    public static Dataset LoadClassification(string imagesPath, string labelsPath, int classCount, float scale = DefaultScale)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagesPath);
        ArgumentException.ThrowIfNullOrEmpty(labelsPath);
        if (classCount < 2)
        {
            throw new ArgumentException($"A classification needs at least 2 classes, got classCount {classCount}.", nameof(classCount));
        }
        CheckScale(scale);
        int[] labels = ReadLabels(labelsPath, classCount);
        using Stream stream = Open(imagesPath);
        (int count, int height, int width) = ReadImagesHeader(stream, imagesPath);
        // Compare the headers before decoding the pixels, so a mismatched pair fails at once.
        if (count != labels.Length)
        {
            throw new InvalidDataException(
                $"{imagesPath} holds {count} images but {labelsPath} holds {labels.Length} labels; expected one label per image.");
        }
        if (count == 0)
        {
            throw Invalid(imagesPath, "the file holds no images; expected at least one");
        }
        IdxImages images = ReadPixels(stream, imagesPath, count, height, width, scale);
        return Dataset.FromLabels(images.Pixels, labels, classCount);
    }

    private static (int Count, int Height, int Width) ReadImagesHeader(Stream stream, string path)
    {
        int[] dimensions = ReadHeader(stream, path, ImagesMagic, "images");
        if (dimensions[1] == 0 || dimensions[2] == 0)
        {
            throw Invalid(path, $"the header gives images of {dimensions[1]}×{dimensions[2]} pixels; expected a height and width of at least 1");
        }
        long size = (long)dimensions[0] * dimensions[1] * dimensions[2];
        if (size > Array.MaxLength)
        {
            throw Invalid(path, $"the header promises {dimensions[0]} images of {dimensions[1]}×{dimensions[2]}, {size} pixels, more than one array can hold ({Array.MaxLength})");
        }
        return (dimensions[0], dimensions[1], dimensions[2]);
    }

    private static IdxImages ReadPixels(Stream stream, string path, int count, int height, int width, float scale)
    {
        int imageSize = height * width;
        int total = count * imageSize;
        string promised = $"{count} images of {height}×{width} ({total} bytes after the header)";
        long available = Available(stream);
        if (available < total)
        {
            throw Invalid(path, $"the file is truncated: its header promises {promised}, but the data ends after {available} bytes ({available / imageSize} whole images)");
        }
        // Every element is written below or the read throws, so skip zeroing the large array first.
        float[] pixels = GC.AllocateUninitializedArray<float>(total);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Min(ChunkSize, Math.Max(total, 1)));
        // One float per grey level: the conversion becomes a lookup, exactly level × scale.
        var levels = new float[256];
        for (int level = 0; level < levels.Length; level++) levels[level] = level * scale;
        try
        {
            int done = 0;
            while (done < total)
            {
                int wanted = Math.Min(buffer.Length, total - done);
                int read = ReadBlock(stream, path, buffer.AsSpan(0, wanted));
                ConvertPixels(buffer.AsSpan(0, read), pixels.AsSpan(done, read), levels);
                done += read;
                if (read < wanted)
                {
                    throw Invalid(path, $"the file is truncated: its header promises {promised}, but the data ends after {done} bytes ({done / imageSize} whole images)");
                }
            }
            EnsureEnd(stream, path, buffer, promised);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return new IdxImages(pixels, count, height, width);
    }

    // Fully optimised from the first call: a loader runs once, cold, so its loops would otherwise run as tier-0 code
    // (or as the generic TensorPrimitives conversions before they tier up). docs/cnn.md ("Measured speed") has the timings.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ConvertPixels(ReadOnlySpan<byte> source, Span<float> target, float[] levels)
    {
        for (int i = 0; i < source.Length; i++) target[i] = levels[source[i]];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Widen(ReadOnlySpan<byte> source, Span<int> target)
    {
        for (int i = 0; i < source.Length; i++) target[i] = source[i];
    }

    /// <summary>Checks the magic number and reads the dimensions, each in [0, int.MaxValue].</summary>
    private static int[] ReadHeader(Stream stream, string path, int expectedMagic, string kind)
    {
        int expectedRank = expectedMagic & 0xFF;
        string expected = $"an IDX file of {kind} (magic 0x{expectedMagic:X8}: unsigned bytes, {expectedRank}-D)";
        Span<byte> header = stackalloc byte[4];
        int read = ReadBlock(stream, path, header);
        if (read < 4)
        {
            throw Invalid(path, $"the file is truncated: it ends after {read} bytes, inside the 4-byte magic number; expected {expected}");
        }
        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (header[0] != 0 || header[1] != 0)
        {
            throw Invalid(path, $"wrong magic number: expected {expected}, found 0x{magic:X8}, which is not an IDX header");
        }
        byte type = header[2];
        int rank = header[3];
        if (type != UnsignedByteType)
        {
            throw Invalid(path, $"unsupported data type: expected {expected}, found magic 0x{magic:X8}, data type 0x{type:X2} ({TypeName(type)}); only unsigned bytes (0x08) are supported");
        }
        if (rank != expectedRank)
        {
            string guess = rank switch
            {
                1 => ", as in a label file",
                3 => ", as in an image file",
                _ => "",
            };
            throw Invalid(path, $"wrong magic number: expected {expected}, found 0x{magic:X8} ({rank}-D{guess})");
        }

        Span<byte> sizes = stackalloc byte[4 * rank];
        read = ReadBlock(stream, path, sizes);
        if (read < sizes.Length)
        {
            throw Invalid(path, $"the file is truncated: it ends after {4 + read} bytes, inside the header of {4 + sizes.Length} bytes ({rank} big-endian int32 dimensions after the magic number)");
        }
        var dimensions = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(sizes[(4 * d)..]);
            if (size > int.MaxValue)
            {
                throw Invalid(path, $"dimension {d} of the header is {size}; expected at most {int.MaxValue}");
            }
            dimensions[d] = (int)size;
        }
        return dimensions;
    }

    private static Stream Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The IDX file '{path}' does not exist.", path);
        }
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: ChunkSize, FileOptions.SequentialScan);
        try
        {
            // Recognise gzip by its magic bytes, so a renamed or extension-less file still reads.
            Span<byte> start = stackalloc byte[2];
            int read = file.ReadAtLeast(start, 2, throwOnEndOfStream: false);
            file.Position = 0;
            return read == 2 && start[0] == 0x1F && start[1] == 0x8B ? OpenGzip(file, path) : file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static CheckedGzipStream OpenGzip(Stream file, string path)
    {
        try
        {
            return new CheckedGzipStream(file);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: cannot decompress: {e.Message}.", e);
        }
    }

    // An uncompressed file's size is known: a header promising more than it holds (a truncated file or a
    // corrupt header) fails before allocating the promised array. Gzip data is only checked as it streams.
    private static long Available(Stream stream) => stream.CanSeek ? stream.Length - stream.Position : long.MaxValue;

    /// <summary>Fills <paramref name="buffer"/> unless the data ends first; returns the bytes read.</summary>
    private static int ReadBlock(Stream stream, string path, Span<byte> buffer)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            // A corrupt gzip stream reports no file name; add it.
            throw new InvalidDataException($"{path}: cannot decompress the gzip data: {e.Message}", e);
        }
    }

    // Bytes past the promised data mean the header and the data disagree: say so rather than guess.
    private static void EnsureEnd(Stream stream, string path, byte[] buffer, string promised)
    {
        if (ReadBlock(stream, path, buffer.AsSpan(0, 1)) != 0)
        {
            throw Invalid(path, $"the header promises {promised}, but more data follows; expected the file to end there");
        }
    }

    private static string TypeName(byte type) => type switch
    {
        0x08 => "unsigned byte",
        0x09 => "signed byte",
        0x0B => "int16",
        0x0C => "int32",
        0x0D => "float32",
        0x0E => "float64",
        _ => "not an IDX data type",
    };

    private static void CheckScale(float scale)
    {
        if (!float.IsFinite(scale))
        {
            throw new ArgumentException($"scale must be finite, got {scale}.", nameof(scale));
        }
    }

    private static InvalidDataException Invalid(string path, string problem) => new($"{path}: {problem}.");
}
