using System;
using System.Runtime.InteropServices;

namespace DslNet.Mpi.Native;

/// <summary>
/// The MPI functions a distributed trainer needs, bound with <c>LibraryImport</c> (source-generated stubs, so they work
/// under NativeAOT too). Handles (communicator, datatype, operation, request) are pointer-sized: in Open MPI they are
/// the addresses of its global objects (<see cref="MpiHandles"/>). The library name is resolved by
/// <see cref="MpiLibrary"/> to the libmpi it found.
/// </summary>
internal static partial class MpiCalls
{
    public const string Library = "mpi";

    // MPI_THREAD_SERIALIZED: any thread may call, one at a time (the trainer calls from the thread that trains).
    public const int ThreadSerialized = 2;

    [LibraryImport(Library, EntryPoint = "MPI_Initialized")]
    public static partial int Initialized(out int flag);

    [LibraryImport(Library, EntryPoint = "MPI_Finalized")]
    public static partial int Finalized(out int flag);

    [LibraryImport(Library, EntryPoint = "MPI_Init_thread")]
    public static partial int InitThread(nint argc, nint argv, int required, out int provided);

    [LibraryImport(Library, EntryPoint = "MPI_Finalize")]
    public static partial int Finalize();

    [LibraryImport(Library, EntryPoint = "MPI_Comm_rank")]
    public static partial int CommRank(nint communicator, out int rank);

    [LibraryImport(Library, EntryPoint = "MPI_Comm_size")]
    public static partial int CommSize(nint communicator, out int size);

    [LibraryImport(Library, EntryPoint = "MPI_Allreduce")]
    public static unsafe partial int Allreduce(void* send, void* receive, int count, nint datatype, nint operation, nint communicator);

    [LibraryImport(Library, EntryPoint = "MPI_Iallreduce")]
    public static unsafe partial int Iallreduce(void* send, void* receive, int count, nint datatype, nint operation, nint communicator, nint* request);

    [LibraryImport(Library, EntryPoint = "MPI_Testall")]
    public static unsafe partial int Testall(int count, nint* requests, int* flag, nint statuses);

    [LibraryImport(Library, EntryPoint = "MPI_Waitall")]
    public static unsafe partial int Waitall(int count, nint* requests, nint statuses);

    [LibraryImport(Library, EntryPoint = "MPI_Bcast")]
    public static unsafe partial int Bcast(void* buffer, int count, nint datatype, int root, nint communicator);

    [LibraryImport(Library, EntryPoint = "MPI_Allgather")]
    public static unsafe partial int Allgather(void* send, int sendCount, nint sendType, void* receive, int receiveCount, nint receiveType, nint communicator);

    [LibraryImport(Library, EntryPoint = "MPI_Barrier")]
    public static partial int Barrier(nint communicator);

    [LibraryImport(Library, EntryPoint = "MPI_Abort")]
    public static partial int Abort(nint communicator, int errorCode);

    [LibraryImport(Library, EntryPoint = "MPI_Get_library_version")]
    public static unsafe partial int GetLibraryVersion(byte* version, out int length);

    [LibraryImport(Library, EntryPoint = "MPI_Error_string")]
    public static unsafe partial int ErrorString(int error, byte* text, out int length);
}
