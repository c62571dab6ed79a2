using System;
using System.Runtime.InteropServices;

namespace DslNet.Mpi.Native;

/// <summary>
/// Open MPI's predefined handles: <c>MPI_COMM_WORLD</c> is <c>&amp;ompi_mpi_comm_world</c>, <c>MPI_FLOAT</c> is
/// <c>&amp;ompi_mpi_float</c>, <c>MPI_SUM</c> is <c>&amp;ompi_mpi_op_sum</c> and so on (its mpi.h defines them as the
/// addresses of global objects), so each is the address of an exported symbol of the loaded library.
/// </summary>
internal sealed class MpiHandles
{
    /// <summary><c>MPI_IN_PLACE</c> in Open MPI's mpi.h: the send buffer argument of an in-place reduction.</summary>
    public static readonly unsafe void* InPlace = (void*)1;

    /// <summary><c>MPI_STATUSES_IGNORE</c> in Open MPI's mpi.h.</summary>
    public const nint StatusesIgnore = 0;

    private MpiHandles(nint library, string name)
    {
        CommWorld = Export(library, name, "ompi_mpi_comm_world");
        Float = Export(library, name, "ompi_mpi_float");
        Double = Export(library, name, "ompi_mpi_double");
        UInt64 = Export(library, name, "ompi_mpi_uint64_t");
        Byte = Export(library, name, "ompi_mpi_byte");
        Sum = Export(library, name, "ompi_mpi_op_sum");
    }

    public nint CommWorld { get; }
    public nint Float { get; }
    public nint Double { get; }
    public nint UInt64 { get; }
    public nint Byte { get; }
    public nint Sum { get; }

    /// <summary>The handles of the library <see cref="MpiLibrary"/> loaded.</summary>
    /// <exception cref="DllNotFoundException">No MPI library was found.</exception>
    /// <exception cref="EntryPointNotFoundException">The library is not Open MPI's.</exception>
    public static MpiHandles Resolve() => Resolve(MpiLibrary.Handle, MpiLibrary.Name);

    /// <summary>The handles of <paramref name="library"/>, loaded under <paramref name="name"/>.</summary>
    /// <exception cref="EntryPointNotFoundException">The library is not Open MPI's; the message says what to install.</exception>
    public static MpiHandles Resolve(nint library, string name) => new(library, name);

    private static nint Export(nint library, string name, string symbol)
    {
        if (NativeLibrary.TryGetExport(library, symbol, out nint address)) return address;
        throw new EntryPointNotFoundException(
            $"The MPI library '{name}' has no symbol '{symbol}', so it is not Open MPI: DslNet.Mpi binds Open MPI's handles, which are the " +
            "addresses of such globals (MPICH and its derivatives use integer handles, which it does not support). Install Open MPI " +
            $"('apt-get install --no-install-recommends openmpi-bin' on Debian or Ubuntu), or point {MpiLibrary.OverrideVariable} at its libmpi.so.40.");
    }
}
