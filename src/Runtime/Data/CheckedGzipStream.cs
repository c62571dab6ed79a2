using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace DslNet;

/// <summary>
/// Decompresses a gzip file and, when the data ends, checks it against the size and CRC-32 in the file's last eight
/// bytes. <see cref="GZipStream"/> alone ends quietly where a truncated file ends, so a cut-off download would load as
/// partial data; here it is an <see cref="InvalidDataException"/> saying the file is truncated or corrupt. A file of
/// several concatenated gzip members is checked against its last member's trailer only, so it is refused too.
/// </summary>
internal sealed class CheckedGzipStream : Stream
{
    // A gzip member is at least a 10-byte header and an 8-byte trailer (CRC-32, then the size modulo 2^32, little-endian).
    private const int MinimumLength = 18;

    private readonly GZipStream _gzip;
    private readonly uint _expectedCrc;
    private readonly uint _expectedSize;
    private uint _crc = Crc32.Start;
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
        Span<byte> trailer = stackalloc byte[8];
        file.Position = fileLength - trailer.Length;
        file.ReadExactly(trailer);
        file.Position = 0;
        _expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        _expectedSize = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
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

    /// <exception cref="InvalidDataException">The gzip data is corrupt, or it ended without matching its trailer.</exception>
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
        if (read > 0)
        {
            _crc = Crc32.Update(_crc, buffer[..read]);
            _length += read;
        }
        else if (!_checked)
        {
            _checked = true;
            uint crc = Crc32.Finish(_crc);
            if (crc != _expectedCrc || (uint)_length != _expectedSize)
            {
                throw new InvalidDataException(
                    $"the gzip file is truncated or corrupt: its data ends after {_length} bytes with CRC-32 0x{crc:X8}, but its last 8 bytes promise {_expectedSize} bytes (modulo 2^32) with CRC-32 0x{_expectedCrc:X8}");
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
