using System;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace DslNet;

/// <summary>
/// Saves and loads a network's parameters and, optionally, its optimiser's state, in the DslNet checkpoint
/// format (version 1; docs/checkpoints.md describes it byte by byte).
/// </summary>
/// <remarks>
/// <para>
/// Layout, all integers and floats little-endian: an 8-byte magic <c>DSLNETCK</c>; uint32 format version;
/// int64 file length; uint64 architecture fingerprint (<see cref="ArchitectureFingerprint"/>); int32
/// parameter count; int32 length and UTF-8 text of the layout description; the parameters as float32; a
/// byte 0 or 1 for the optimiser state, then the state (name, scalars as float64, vectors as float32,
/// nested state); and last a uint32 CRC-32 (zlib's) of every byte before it.
/// </para>
/// <para>
/// Saving writes the whole file to a temporary file in the same folder, flushes it to disk and renames it
/// over the target, so a crash mid-save leaves the previous checkpoint intact; the next save of the same target removes
/// such a leftover temporary file. Loading checks everything
/// (length, magic, version, checksum, structure, architecture, optimiser name, settings and state sizes)
/// before it changes anything; any failure is an <see cref="InvalidDataException"/> that names the file and
/// what is wrong, expected against actual, and leaves the network and the optimiser as they were.
/// </para>
/// </remarks>
public static class Checkpoint
{
    /// <summary>The format version this build writes and reads.</summary>
    public const uint FormatVersion = 1;

    // "DSLNETCK": magic, version, file length, fingerprint, parameter count, layout text length.
    private static readonly byte[] s_magic = "DSLNETCK"u8.ToArray();
    private const int HeaderLength = 36;
    private const int ChecksumLength = 4;

    /// <summary>
    /// Saves <paramref name="network"/>'s parameters and, if given, <paramref name="optimizer"/>'s state to
    /// <paramref name="path"/>, replacing the file atomically (a temporary file in the same folder, renamed).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or the network's parameter count and layout disagree.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist; the message names it.</exception>
    /// <exception cref="IOException">The file cannot be written (the message names the target); a previous checkpoint at <paramref name="path"/> is then untouched.</exception>
    public static void Save(string path, INetwork network, IOptimizer? optimizer = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // Serialise first: if the optimiser or network throws, nothing on disk has changed.
        byte[] bytes = Serialize(network, optimizer);
        string target = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Cannot save the checkpoint '{target}': the folder '{directory}' does not exist; create it first.");
        }
        CheckpointTemporaryFiles.RemoveStale(target);
        string temporary = CheckpointTemporaryFiles.NewPath(target);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temporary file's name means nothing to the caller: name the target.
            throw new IOException($"Cannot save the checkpoint '{target}' ({bytes.Length} bytes) in the folder '{directory}': {e.Message}", e);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>
    /// Loads the checkpoint at <paramref name="path"/> into <paramref name="network"/> and, if given,
    /// <paramref name="optimizer"/> (which must then be of the kind and settings the checkpoint was saved
    /// with; it also gets the saved learning rate). Pass no optimiser to load the parameters only.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The file is truncated, not a checkpoint, of another format version, corrupted (checksum), saved from
    /// another architecture, or holds no or mismatching optimiser state. Nothing has been changed.
    /// </exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static void Load(string path, INetwork network, IOptimizer? optimizer = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(network);
        Restore(File.ReadAllBytes(path), network, optimizer, $"Checkpoint '{path}'");
    }

    /// <summary>Writes a checkpoint of <paramref name="network"/> (and <paramref name="optimizer"/>) to <paramref name="stream"/>.</summary>
    /// <exception cref="ArgumentException">The network's parameter count and layout disagree.</exception>
    public static void Write(Stream stream, INetwork network, IOptimizer? optimizer = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Serialize(network, optimizer));
    }

    /// <summary>Reads a checkpoint from the rest of <paramref name="stream"/> into <paramref name="network"/> (and <paramref name="optimizer"/>), as <see cref="Load"/>.</summary>
    /// <exception cref="InvalidDataException">As for <see cref="Load"/>; nothing has been changed.</exception>
    public static void Read(Stream stream, INetwork network, IOptimizer? optimizer = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(network);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        Restore(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), network, optimizer, "Checkpoint stream");
    }

    private static byte[] Serialize(INetwork network, IOptimizer? optimizer)
    {
        ArgumentNullException.ThrowIfNull(network);
        var layout = network.Layout;
        if (layout.ParameterCount != network.ParameterCount || network.Parameters.Length != network.ParameterCount)
        {
            throw new ArgumentException(
                $"The network reports {network.ParameterCount} parameters, its layout covers {layout.ParameterCount} and its vector holds {network.Parameters.Length}; they must agree.",
                nameof(network));
        }
        byte[] description = Encoding.UTF8.GetBytes(ArchitectureFingerprint.Describe(layout));
        OptimizerState? state = optimizer?.ExportState();

        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            // BinaryWriter is little-endian on every machine.
            writer.Write(s_magic);
            writer.Write(FormatVersion);
            writer.Write(0L); // the file length, patched below
            writer.Write(ArchitectureFingerprint.Hash(description));
            writer.Write(network.ParameterCount);
            writer.Write(description.Length);
            writer.Write(description);
            WriteFloats(writer, network.Parameters);
            writer.Write(state is null ? (byte)0 : (byte)1);
            if (state is not null) WriteState(writer, state);
        }
        long length = body.Length + ChecksumLength;
        if (length > int.MaxValue) throw new ArgumentException($"The checkpoint would be {length} bytes; the format is limited to {int.MaxValue}.", nameof(network));
        var bytes = new byte[length];
        body.GetBuffer().AsSpan(0, (int)body.Length).CopyTo(bytes);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(12, 8), length);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - ChecksumLength), Crc32.Compute(bytes.AsSpan(0, bytes.Length - ChecksumLength)));
        return bytes;
    }

    private static void WriteState(BinaryWriter writer, OptimizerState state)
    {
        WriteString(writer, state.Optimizer);
        writer.Write(state.Scalars.Count);
        foreach (var (name, value) in state.Scalars)
        {
            WriteString(writer, name);
            writer.Write(value);
        }
        writer.Write(state.Vectors.Count);
        foreach (var (name, values) in state.Vectors)
        {
            WriteString(writer, name);
            writer.Write(values.Length);
            WriteFloats(writer, values);
        }
        writer.Write(state.Inner is null ? (byte)0 : (byte)1);
        if (state.Inner is not null) WriteState(writer, state.Inner);
    }

    private static void WriteString(BinaryWriter writer, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(values));
            return;
        }
        foreach (float value in values) writer.Write(value);
    }

    /// <summary>Checks everything in <paramref name="data"/>, then imports the optimiser state, then copies the parameters.</summary>
    private static void Restore(ReadOnlySpan<byte> data, INetwork network, IOptimizer? optimizer, string source)
    {
        if (data.Length < HeaderLength + ChecksumLength)
        {
            throw new InvalidDataException(
                $"{source}: truncated: it holds {data.Length} bytes, but a checkpoint has at least {HeaderLength + ChecksumLength} (header and checksum).");
        }
        if (!data[..s_magic.Length].SequenceEqual(s_magic))
        {
            throw new InvalidDataException(
                $"{source}: not a DslNet checkpoint: it starts with {Convert.ToHexString(data[..s_magic.Length])}, expected {Convert.ToHexString(s_magic)} (\"DSLNETCK\").");
        }
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(8, 4));
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"{source}: format version {version}, but this DslNet reads version {FormatVersion}.");
        }
        long declared = BinaryPrimitives.ReadInt64LittleEndian(data.Slice(12, 8));
        if (declared != data.Length)
        {
            throw new InvalidDataException(declared > data.Length
                ? $"{source}: truncated: the header says {declared} bytes, but only {data.Length} are present."
                : $"{source}: the header says {declared} bytes, but the file holds {data.Length}: trailing bytes or a corrupted header.");
        }
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(data[^ChecksumLength..]);
        uint computed = Crc32.Compute(data[..^ChecksumLength]);
        if (stored != computed)
        {
            throw new InvalidDataException($"{source}: checksum mismatch: stored CRC-32 0x{stored:X8}, computed 0x{computed:X8}; the file is corrupted.");
        }

        var reader = new CheckpointReader(data[..^ChecksumLength], 20, source);
        ulong fingerprint = reader.UInt64("the architecture fingerprint");
        int count = reader.Count("the parameter count");
        string description = reader.String("the layout description");
        if (ArchitectureFingerprint.Hash(Encoding.UTF8.GetBytes(description)) != fingerprint)
        {
            throw reader.Error("the architecture fingerprint does not match the layout description stored with it.");
        }
        CheckArchitecture(source, fingerprint, count, description, network);
        var parameters = reader.FloatBytes(count, "the parameters");
        int hasState = reader.Byte("the optimiser-state flag");
        if (hasState > 1) throw reader.Error($"the optimiser-state flag is {hasState}; it must be 0 or 1.");
        OptimizerState? state = hasState == 1 ? reader.State() : null;
        int unread = data.Length - ChecksumLength - reader.Position;
        if (unread != 0) throw reader.Error($"{unread} unexpected bytes follow the optimiser state, before the checksum.");

        if (optimizer is not null)
        {
            if (state is null)
            {
                throw new InvalidDataException(
                    $"{source}: it holds no optimiser state, but an optimiser ({optimizer.GetType().Name}) was given; load without one to restore the parameters only.");
            }
            try
            {
                // Checks everything before it changes anything.
                optimizer.ImportState(state);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{source}: {e.Message}", e);
            }
        }
        // Past every check: nothing below can fail.
        CheckpointReader.CopyFloats(parameters, network.Parameters);
    }

    private static void CheckArchitecture(string source, ulong fingerprint, int count, string description, INetwork network)
    {
        string expected = ArchitectureFingerprint.Describe(network.Layout);
        ulong expectedFingerprint = ArchitectureFingerprint.Hash(Encoding.UTF8.GetBytes(expected));
        if (fingerprint == expectedFingerprint && description == expected && count == network.ParameterCount) return;
        throw new InvalidDataException(
            $"{source}: saved from another architecture: the checkpoint has fingerprint 0x{fingerprint:X16} and {count} parameters, " +
            $"the network 0x{expectedFingerprint:X16} and {network.ParameterCount}; {FirstDifference(description, expected)}.");
    }

    /// <summary>The first slice line where the checkpoint's layout and the network's differ, for the error message.</summary>
    private static string FirstDifference(string saved, string expected)
    {
        string[] savedLines = saved.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] expectedLines = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < Math.Max(savedLines.Length, expectedLines.Length); i++)
        {
            string? a = i < savedLines.Length ? savedLines[i] : null;
            string? b = i < expectedLines.Length ? expectedLines[i] : null;
            if (a == b) continue;
            return $"slice {i + 1} is {(a is null ? "missing" : $"'{a}'")} in the checkpoint but {(b is null ? "missing" : $"'{b}'")} in the network";
        }
        return "the layouts read the same but hash differently";
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a stray temporary file is harmless; the original failure matters more.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
