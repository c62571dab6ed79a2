using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace DslNet.Onnx;

/// <summary>
/// Reads and writes the safetensors format, PyTorch's usual weight file: an 8-byte little-endian header length, a JSON
/// header naming each tensor's dtype, shape and byte range, then the raw little-endian tensor bytes, back to back.
/// DslNet's tensors are float32 (<c>F32</c>); a file holding another dtype is refused with the tensor's name.
/// </summary>
public static class Safetensors
{
    /// <summary>The largest header accepted: real headers are kilobytes; a larger length means a corrupt or foreign file.</summary>
    private const long MaxHeaderBytes = 100 * 1024 * 1024;

    private const string Metadata = "__metadata__";

    /// <summary>Reads every tensor of the file at <paramref name="path"/>, by name.</summary>
    /// <exception cref="InvalidDataException">The file is not valid safetensors, or holds a dtype other than F32; the message says where.</exception>
    public static IReadOnlyDictionary<string, SafetensorsTensor> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = File.OpenRead(path);
        try
        {
            return Read(file);
        }
        catch (InvalidDataException error)
        {
            throw new InvalidDataException($"{path}: {error.Message}", error);
        }
    }

    /// <summary>Reads every tensor from <paramref name="stream"/> (read to its end), by name.</summary>
    /// <exception cref="InvalidDataException">The data is not valid safetensors, or holds a dtype other than F32.</exception>
    public static IReadOnlyDictionary<string, SafetensorsTensor> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.GetBuffer().AsSpan(0, (int)copy.Length);
        if (bytes.Length < 8) throw new InvalidDataException($"safetensors data is {bytes.Length} bytes long; it needs at least the 8-byte header length.");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeaderBytes || (long)headerLength > bytes.Length - 8)
        {
            throw new InvalidDataException($"safetensors header length {headerLength} does not fit the {bytes.Length - 8} bytes after it (or exceeds {MaxHeaderBytes}): not a safetensors file, or a truncated one.");
        }
        var header = bytes.Slice(8, (int)headerLength);
        var data = bytes.Slice(8 + (int)headerLength);
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(header.ToArray());
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"safetensors header is not valid JSON: {error.Message}", error);
        }
        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object) throw new InvalidDataException("safetensors header is not a JSON object.");
            var ranges = new List<(string Name, long Begin, long End)>();
            var tensors = new Dictionary<string, SafetensorsTensor>(StringComparer.Ordinal);
            foreach (var entry in json.RootElement.EnumerateObject())
            {
                if (entry.Name == Metadata) continue;
                var (shape, begin, end) = ReadEntry(entry);
                long count = shape.Aggregate(1L, (product, d) => product * d);
                if (end - begin != count * sizeof(float))
                {
                    throw new InvalidDataException($"Tensor '{entry.Name}': shape [{string.Join(", ", shape)}] needs {count * sizeof(float)} bytes of F32 but data_offsets [{begin}, {end}] cover {end - begin}.");
                }
                if (end > data.Length) throw new InvalidDataException($"Tensor '{entry.Name}': data_offsets end {end} is past the {data.Length} bytes of tensor data.");
                var values = new float[count];
                var source = data.Slice((int)begin, (int)(end - begin));
                for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(source.Slice(i * sizeof(float)));
                tensors.Add(entry.Name, new SafetensorsTensor(shape, values));
                ranges.Add((entry.Name, begin, end));
            }
            // The format lays the tensors back to back with no gap and no overlap, covering the data exactly.
            long expected = 0;
            foreach (var range in ranges.OrderBy(r => r.Begin).ThenBy(r => r.End))
            {
                if (range.Begin != expected) throw new InvalidDataException($"Tensor '{range.Name}' starts at byte {range.Begin} of the data, expected {expected}: tensors must be back to back, without gaps or overlaps.");
                expected = range.End;
            }
            if (expected != data.Length) throw new InvalidDataException($"The tensors cover {expected} bytes but {data.Length} follow the header.");
            return tensors;
        }
    }

    private static (long[] Shape, long Begin, long End) ReadEntry(JsonProperty entry)
    {
        var value = entry.Value;
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String
            || !value.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array
            || !value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
        {
            throw new InvalidDataException($"Tensor '{entry.Name}': expected {{\"dtype\": ..., \"shape\": [...], \"data_offsets\": [begin, end]}}, found {value.GetRawText()}.");
        }
        if (dtype.GetString() != "F32")
        {
            throw new InvalidDataException($"Tensor '{entry.Name}' has dtype {dtype.GetString()}; DslNet reads F32 (float32) tensors only: convert it first (tensor.float() in PyTorch).");
        }
        var dims = new long[shape.GetArrayLength()];
        int i = 0;
        foreach (var d in shape.EnumerateArray())
        {
            if (!d.TryGetInt64(out long dim) || dim < 0) throw new InvalidDataException($"Tensor '{entry.Name}': shape entry {d.GetRawText()} is not a non-negative integer.");
            dims[i++] = dim;
        }
        if (!offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end) || begin < 0 || end < begin)
        {
            throw new InvalidDataException($"Tensor '{entry.Name}': data_offsets {offsets.GetRawText()} are not two integers 0 ≤ begin ≤ end.");
        }
        return (dims, begin, end);
    }

    /// <summary>Writes <paramref name="tensors"/> as F32 to the file <paramref name="path"/> (created or replaced), in name order.</summary>
    /// <exception cref="ArgumentException">A tensor's values do not fit its shape, or a name is empty or reserved.</exception>
    public static void Write(string path, IReadOnlyDictionary<string, SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = File.Create(path);
        Write(file, tensors, metadata);
    }

    /// <summary>Writes <paramref name="tensors"/> as F32 to <paramref name="stream"/>, which stays open, in name order.</summary>
    /// <exception cref="ArgumentException">A tensor's values do not fit its shape, or a name is empty or reserved.</exception>
    public static void Write(Stream stream, IReadOnlyDictionary<string, SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors data is little-endian; this writer runs on little-endian machines only.");
        var ordered = tensors.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        using var headerText = new MemoryStream();
        using (var writer = new Utf8JsonWriter(headerText))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject(Metadata);
                foreach (var (key, value) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal)) writer.WriteString(key, value);
                writer.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor) in ordered)
            {
                if (string.IsNullOrEmpty(name) || name == Metadata) throw new ArgumentException($"Tensor name '{name}' is empty or reserved.", nameof(tensors));
                tensor.Check(name);
                writer.WriteStartObject(name);
                writer.WriteString("dtype", "F32");
                writer.WriteStartArray("shape");
                foreach (long d in tensor.Shape) writer.WriteNumberValue(d);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                offset += (long)tensor.Values.Length * sizeof(float);
                writer.WriteNumberValue(offset);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        // Spaces pad the header to a multiple of 8 bytes, so the tensor data starts aligned, as the reference writer does.
        int padding = (int)((8 - headerText.Length % 8) % 8);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)(headerText.Length + padding));
        stream.Write(length);
        stream.Write(headerText.GetBuffer().AsSpan(0, (int)headerText.Length));
        stream.Write(Encoding.ASCII.GetBytes(new string(' ', padding)));
        foreach (var (_, tensor) in ordered) stream.Write(MemoryMarshal.AsBytes(tensor.Values.AsSpan()));
    }
}
