using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.InteropServices;

namespace DslNet.Mpi.Native;

/// <summary>
/// Finds Open MPI's shared library once per process and points <see cref="MpiCalls"/> at it. The NuGet package
/// <c>MPI.NET</c> cannot serve here: it imports <c>msmpi.dll</c> and passes integer handles, while Open MPI's handles are
/// the addresses of its global objects, which <see cref="MpiHandles"/> resolves from this library.
/// </summary>
internal static class MpiLibrary
{
    /// <summary>Names a library to load instead of searching (a full path, or a name the loader finds).</summary>
    public const string OverrideVariable = "DSLNET_MPI_LIBRARY";

    // Open MPI 4 and 5 keep soname 40; the unversioned name exists only with the development package.
    private static readonly string[] s_defaultCandidates = ["libmpi.so.40", "libmpi.so", "libmpi.40.dylib"];

    private static readonly Lazy<(nint Handle, string Name)> s_loaded = new(() =>
    {
        var loaded = Load(Candidates());
        NativeLibrary.SetDllImportResolver(typeof(MpiLibrary).Assembly, Resolve);
        return loaded;
    });

    /// <summary>The loaded library, loaded on first use.</summary>
    /// <exception cref="DllNotFoundException">No MPI library was found; the message says what to install.</exception>
    public static nint Handle => s_loaded.Value.Handle;

    /// <summary>The name the library was loaded under.</summary>
    public static string Name => s_loaded.Value.Name;

    /// <summary>The names tried, in order: the override alone when it is set.</summary>
    public static IReadOnlyList<string> Candidates() =>
        Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } chosen ? [chosen] : s_defaultCandidates;

    /// <summary>Loads the first of <paramref name="candidates"/> that loads.</summary>
    /// <exception cref="DllNotFoundException">None loads; the message names them and says what to install.</exception>
    public static (nint Handle, string Name) Load(IReadOnlyList<string> candidates)
    {
        foreach (string candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out nint handle)) return (handle, candidate);
        }
        throw new DllNotFoundException(
            $"DslNet.Mpi needs Open MPI's shared library, and none was found (tried {string.Join(", ", candidates)}). " +
            "Install Open MPI on every machine of the run: on Debian or Ubuntu 'apt-get install --no-install-recommends openmpi-bin' " +
            $"(it brings libmpi.so.40 and mpirun), elsewhere your system's Open MPI package; or set {OverrideVariable} to the library's path.");
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == MpiCalls.Library ? s_loaded.Value.Handle : 0;
}
