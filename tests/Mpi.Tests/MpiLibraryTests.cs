using System;
using System.Runtime.InteropServices;
using DslNet.Mpi.Native;
using Xunit;

namespace DslNet.Mpi.Tests;

public sealed class MpiLibraryTests
{
    [Fact]
    public void A_missing_library_says_what_to_install()
    {
        var error = Assert.Throws<DllNotFoundException>(() => MpiLibrary.Load(["libmpi-that-does-not-exist.so.40", "/nowhere/libmpi.so"]));
        Assert.Contains("tried libmpi-that-does-not-exist.so.40, /nowhere/libmpi.so", error.Message);
        Assert.Contains("apt-get install --no-install-recommends openmpi-bin", error.Message);
        Assert.Contains(MpiLibrary.OverrideVariable, error.Message);
    }

    [Fact]
    public void A_library_that_is_not_Open_MPI_is_named_as_such()
    {
        // The C library loads everywhere here, and has none of Open MPI's globals.
        nint libc = NativeLibrary.Load("libc.so.6");
        var error = Assert.Throws<EntryPointNotFoundException>(() => MpiHandles.Resolve(libc, "libc.so.6"));
        Assert.Contains("'libc.so.6' has no symbol 'ompi_mpi_comm_world', so it is not Open MPI", error.Message);
    }

    [Fact]
    public void The_override_variable_replaces_the_search()
    {
        string? kept = Environment.GetEnvironmentVariable(MpiLibrary.OverrideVariable);
        try
        {
            Environment.SetEnvironmentVariable(MpiLibrary.OverrideVariable, "/opt/openmpi/lib/libmpi.so.40");
            Assert.Equal(["/opt/openmpi/lib/libmpi.so.40"], MpiLibrary.Candidates());
            Environment.SetEnvironmentVariable(MpiLibrary.OverrideVariable, null);
            Assert.Equal("libmpi.so.40", MpiLibrary.Candidates()[0]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(MpiLibrary.OverrideVariable, kept);
        }
    }
}
