using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace DslNet;

/// <summary>
/// Reads the little-endian fields of a checkpoint body, checking each against the bytes left, so a
/// malformed file ends in an <see cref="InvalidDataException"/> that says what was being read and where.
/// </summary>
internal ref struct CheckpointReader
{
    // Nested optimiser states deeper than this are refused rather than recursed into.
    private const int MaxStateDepth = 16;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private readonly string _source;

    public CheckpointReader(ReadOnlySpan<byte> data, int position, string source)
    {
        _data = data;
        Position = position;
        _source = source;
    }

    public int Position { get; private set; }

    public byte Byte(string what) => Take(1, what)[0];

    public int Int32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, what));

    public ulong UInt64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, what));

    public double Double(string what) => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, what));

    /// <summary>A count or length: a non-negative int32.</summary>
    public int Count(string what)
    {
        int start = Position;
        int value = Int32(what);
        if (value < 0) throw Error($"{what} is {value} at byte {start}; it must be at least 0.");
        return value;
    }

    /// <summary>An int32 byte length, then that many bytes of strict UTF-8.</summary>
    public string String(string what)
    {
        int length = Count($"the length of {what}");
        int start = Position;
        var bytes = Take(length, what);
        try
        {
            return s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Error($"{what} at byte {start} is not valid UTF-8.");
        }
    }

    /// <summary>The raw little-endian bytes of <paramref name="count"/> floats.</summary>
    public ReadOnlySpan<byte> FloatBytes(int count, string what) => Take(4L * count, what);

    /// <summary>
    /// An optimiser state: its name, int32 scalar count and (name, float64) pairs, int32 vector count and
    /// (name, int32 length, float32 values) triples, then a byte 0 or 1 and, if 1, the nested state.
    /// </summary>
    public OptimizerState State(int depth = 0)
    {
        if (depth >= MaxStateDepth) throw Error($"optimiser states are nested more than {MaxStateDepth} deep.");
        string optimizer = String("the optimiser name");
        if (optimizer.Length == 0) throw Error("an optimiser name is empty.");
        int scalarCount = Count($"the {optimizer} scalar count");
        var names = new HashSet<string>(StringComparer.Ordinal);
        // Lists, not arrays sized by the file: a count is only trusted once its bytes have been read.
        var scalars = new List<(string Name, double Value)>();
        for (int i = 0; i < scalarCount; i++)
        {
            string name = EntryName(optimizer, names);
            scalars.Add((name, Double($"the {optimizer} scalar '{name}'")));
        }
        int vectorCount = Count($"the {optimizer} vector count");
        var vectors = new List<(string Name, float[] Values)>();
        for (int i = 0; i < vectorCount; i++)
        {
            string name = EntryName(optimizer, names);
            int length = Count($"the length of the {optimizer} vector '{name}'");
            var bytes = FloatBytes(length, $"the {optimizer} vector '{name}'");
            var values = new float[length];
            CopyFloats(bytes, values);
            vectors.Add((name, values));
        }
        int hasInner = Byte($"the {optimizer} nested-state flag");
        if (hasInner > 1) throw Error($"the {optimizer} nested-state flag is {hasInner}; it must be 0 or 1.");
        var state = new OptimizerState(optimizer, hasInner == 1 ? State(depth + 1) : null);
        foreach (var (name, value) in scalars) state.AddScalar(name, value);
        foreach (var (name, values) in vectors) state.AddVector(name, values);
        return state;
    }

    /// <summary>Copies little-endian float bytes into <paramref name="destination"/>, on any machine.</summary>
    public static void CopyFloats(ReadOnlySpan<byte> source, Span<float> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(source).CopyTo(destination);
            return;
        }
        for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source.Slice(4 * i, 4));
    }

    public InvalidDataException Error(string message) => new($"{_source}: {message}");

    private string EntryName(string optimizer, HashSet<string> names)
    {
        int start = Position;
        string name = String($"a {optimizer} entry name");
        if (name.Length == 0 || !names.Add(name))
        {
            throw Error($"the {optimizer} entry name at byte {start} is {(name.Length == 0 ? "empty" : $"'{name}', used twice")}.");
        }
        return name;
    }

    private ReadOnlySpan<byte> Take(long length, string what)
    {
        long available = _data.Length - Position;
        if (length > available)
        {
            throw Error($"truncated while reading {what}: it needs {length} bytes at byte {Position}, but only {available} remain.");
        }
        var bytes = _data.Slice(Position, (int)length);
        Position += (int)length;
        return bytes;
    }
}
