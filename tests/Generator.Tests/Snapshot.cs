using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>
/// Verify's file conventions without Verify (not obtainable here): <c>Snapshots/{Class}.{Method}#{Name}.verified.cs</c>
/// beside the test. A difference writes <c>.received.cs</c> and fails; <c>DSLNET_ACCEPT_SNAPSHOTS=1</c> accepts it.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "DSLNET_ACCEPT_SNAPSHOTS";

    public static void Match(string actual, string className, string name, [CallerMemberName] string method = "", [CallerFilePath] string testFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots");
        var stem = Path.Combine(folder, $"{className}.{method}#{name}");
        var verified = stem + ".verified.cs";
        var received = stem + ".received.cs";
        actual = actual.Replace("\r\n", "\n");

        if (File.Exists(verified) && File.ReadAllText(verified).Replace("\r\n", "\n") == actual)
        {
            File.Delete(received);
            return;
        }
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }
        Directory.CreateDirectory(folder);
        File.WriteAllText(received, actual);
        Assert.Fail(File.Exists(verified)
            ? $"Generated code differs from {Path.GetFileName(verified)}; review {Path.GetFileName(received)} and accept with {AcceptVariable}=1."
            : $"No snapshot {Path.GetFileName(verified)} yet; review {Path.GetFileName(received)} and accept with {AcceptVariable}=1.");
    }
}
