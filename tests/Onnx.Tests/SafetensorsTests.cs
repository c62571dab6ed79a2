using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace DslNet.Onnx.Tests;

/// <summary>The safetensors reader and writer, on files built byte by byte.</summary>
public sealed class SafetensorsTests
{
    /// <summary>A file as the format's reference writer lays it out: length, JSON header, tensors back to back.</summary>
    private static byte[] File(string header, params float[][] tensors)
    {
        var stream = new MemoryStream();
        var text = Encoding.UTF8.GetBytes(header);
        stream.Write(BitConverter.GetBytes((ulong)text.Length));
        stream.Write(text);
        foreach (var tensor in tensors) foreach (float value in tensor) stream.Write(BitConverter.GetBytes(value));
        return stream.ToArray();
    }

    private static IReadOnlyDictionary<string, SafetensorsTensor> Read(byte[] bytes) => Safetensors.Read(new MemoryStream(bytes));

    [Fact]
    public void Reads_a_hand_built_file()
    {
        var tensors = Read(File(
            "{\"__metadata__\":{\"format\":\"pt\"},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[24,32]},\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}",
            [1, 2, 3, 4, 5, 6], [-1.5f, 0.25f]));
        Assert.Equal(2, tensors.Count);
        Assert.Equal([2L, 3L], tensors["a"].Shape);
        Assert.Equal([1f, 2, 3, 4, 5, 6], tensors["a"].Values);
        Assert.Equal([-1.5f, 0.25f], tensors["b"].Values);
    }

    [Fact]
    public void Writes_what_it_reads_with_an_aligned_header()
    {
        var tensors = new Dictionary<string, SafetensorsTensor>
        {
            ["layer.weight"] = new([3, 2], [1, 2, 3, 4, 5, 6]),
            ["layer.bias"] = new([2], [0.5f, -0.5f]),
            ["scalar"] = new([], [7f]),
        };
        var stream = new MemoryStream();
        Safetensors.Write(stream, tensors, new Dictionary<string, string> { ["format"] = "pt" });
        var bytes = stream.ToArray();
        ulong headerLength = BitConverter.ToUInt64(bytes, 0);
        Assert.Equal(0UL, headerLength % 8);
        Assert.Equal(8 + (long)headerLength + 9 * 4, bytes.Length);
        var back = Read(bytes);
        Assert.Equal(tensors.Keys.Order(), back.Keys.Order());
        foreach (var (name, tensor) in tensors)
        {
            Assert.Equal(tensor.Shape, back[name].Shape);
            Assert.Equal(tensor.Values, back[name].Values);
        }
    }

    [Theory]
    [InlineData("{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", "Tensor 'a' has dtype F16; DslNet reads F32")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", "Tensor 'a': shape [3] needs 12 bytes of F32 but data_offsets [0, 8] cover 8")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "Tensor 'a' starts at byte 4 of the data, expected 0")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", "Tensor 'a': expected {\"dtype\"")]
    [InlineData("{\"a\":", "header is not valid JSON")]
    public void A_malformed_header_is_named(string header, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => Read(File(header, [1f, 2f])));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_truncated_file_is_named()
    {
        var bytes = File("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", [1f, 2f]);
        var error = Assert.Throws<InvalidDataException>(() => Read(bytes[..^4]));
        Assert.Contains("data_offsets end 8 is past the 4 bytes of tensor data", error.Message);
        error = Assert.Throws<InvalidDataException>(() => Read(bytes[..20]));
        Assert.Contains("does not fit the 12 bytes after it", error.Message);
        error = Assert.Throws<InvalidDataException>(() => Read(bytes[..5]));
        Assert.Contains("needs at least the 8-byte header length", error.Message);
    }

    [Fact]
    public void Writing_a_tensor_whose_values_do_not_fit_its_shape_is_refused()
    {
        var tensors = new Dictionary<string, SafetensorsTensor> { ["w"] = new([2, 2], [1, 2, 3]) };
        var error = Assert.Throws<ArgumentException>(() => Safetensors.Write(new MemoryStream(), tensors));
        Assert.Contains("Tensor 'w' has 3 values but its shape [2, 2] holds 4", error.Message);
    }
}
