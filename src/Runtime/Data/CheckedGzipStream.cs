using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace DslNet;

/// <summary>
/// Decompresses a gzip file and, when the data ends, checks its size against the size in the file's last four bytes.
/// <see cref="GZipStream"/> checks the trailer's CRC-32 and size only when the compressed data reaches it: where a
/// truncated file ends it ends quietly, so a cut-off download would load as partial data. Here that is an
/// <see cref="InvalidDataException"/> saying the file is truncated or corrupt. A file of several concatenated gzip members
/// is compared with its last member's size only, so it is refused too.
/// </summary>
internal sealed class CheckedGzipStream : Stream
{
    // A gzip member is at least a 10-byte header and an 8-byte trailer (CRC-32, then the size modulo 2^32, little-endian).
    private const int MinimumLength = 18;

    private readonly GZipStream _gzip;
    private readonly uint _expectedSize;
    private long _length;
    private bool _checked;

    /// <summary>Reads the trailer of <paramref name="file"/> (seekable, at its start), then decompresses from the start; takes ownership of it.</summary>
    /// <exception cref="InvalidDataException">The file is too short to be gzip data.</exception>
    public CheckedGzipStream(Stream file)
    {
        long fileLength = file.Length;
        if (fileLength < MinimumLength)
        {
            throw new InvalidDataException($"the gzip file is truncated or corrupt: it holds {fileLength} bytes, fewer than the {MinimumLength} of an empty gzip file");
        }
        Span<byte> size = stackalloc byte[4];
        file.Position = fileLength - size.Length;
        file.ReadExactly(size);
        file.Position = 0;
        _expectedSize = BinaryPrimitives.ReadUInt32LittleEndian(size);
        _gzip = new GZipStream(file, CompressionMode.Decompress);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <exception cref="InvalidDataException">The gzip data is corrupt, or it ended short of the size in its trailer.</exception>
    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        int read;
        try
        {
            read = _gzip.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"the gzip file is truncated or corrupt: {e.Message}", e);
        }
        _length += read;
        if (read == 0 && !_checked)
        {
            _checked = true;
            // A truncated file's last four bytes are compressed data: they match the size only by a 1 in 2^32 chance.
            if ((uint)_length != _expectedSize)
            {
                throw new InvalidDataException(
                    $"the gzip file is truncated or corrupt: its data ends after {_length} bytes, but its last 4 bytes promise {_expectedSize} bytes (modulo 2^32). " +
                    "Several gzip files joined into one are refused too (only the last part's size is known): recompress such a file as one, for example with `gunzip -c in.gz | gzip > out.gz`");
            }
        }
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gzip.Dispose();
        base.Dispose(disposing);
    }
}
