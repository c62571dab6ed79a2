using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using DslNet.Mpi.Native;

namespace DslNet.Mpi;

/// <summary>
/// The processes of one MPI job (<c>MPI_COMM_WORLD</c>): this process's rank, their number, and the collective operations
/// a distributed run needs (sum all-reduce in place, broadcast, barrier), plus <see cref="Abort"/> to end the whole job.
/// MPI is initialised once per process, by the first <see cref="Initialize"/>, and finalised by <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// <para>
/// Every process of the job must make the same collective calls in the same order, with the same lengths: a call one
/// process skips leaves the others waiting. Calls are made from one thread at a time (MPI is initialised with
/// <c>MPI_THREAD_SERIALIZED</c>).
/// </para>
/// <para>
/// By default an exception that nothing catches, on any thread of any process, ends the whole job through <c>MPI_Abort</c>
/// with a message naming the rank and the exception, rather than leaving the other processes waiting for it.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// using var world = MpiWorld.Initialize();
/// var trainer = new DistributedTrainer(world, network, loss, optimizer, options);
/// trainer.Fit(training, test, progress: world.IsRoot ? new Progress&lt;EpochReport&gt;(Console.WriteLine) : null);
/// </code>
/// </example>
public sealed class MpiWorld : IDisposable
{
    private static MpiWorld? s_current;
    private static bool s_finalized;
    private static readonly Lock s_lock = new();

    private readonly MpiHandles _handles;
    private readonly bool _abortOnUnhandledException;
    private bool _disposed;

    private MpiWorld(MpiHandles handles, bool abortOnUnhandledException)
    {
        _handles = handles;
        Check("MPI_Comm_rank", MpiCalls.CommRank(handles.CommWorld, out int rank));
        Check("MPI_Comm_size", MpiCalls.CommSize(handles.CommWorld, out int size));
        (Rank, Size) = (rank, size);
        _abortOnUnhandledException = abortOnUnhandledException;
        if (abortOnUnhandledException) AppDomain.CurrentDomain.UnhandledException += AbortOnUnhandled;
    }

    /// <summary>The world initialised in this process, or null before <see cref="Initialize"/> and after <see cref="Dispose"/>.</summary>
    public static MpiWorld? Current
    {
        get
        {
            lock (s_lock) return s_current;
        }
    }

    /// <summary>This process's rank in the job, from 0 to <see cref="Size"/> − 1.</summary>
    public int Rank { get; }

    /// <summary>The number of processes in the job (1 when the program runs without <c>mpirun</c>).</summary>
    public int Size { get; }

    /// <summary>Whether this is rank 0, the one that prints and writes files in a distributed run.</summary>
    public bool IsRoot => Rank == 0;

    /// <summary>The MPI library's own description of itself (<c>MPI_Get_library_version</c>), for logs.</summary>
    public unsafe string LibraryVersion
    {
        get
        {
            // MPI_MAX_LIBRARY_VERSION_STRING is 256 in Open MPI; leave room for any library.
            byte* text = stackalloc byte[8192];
            Check("MPI_Get_library_version", MpiCalls.GetLibraryVersion(text, out int length));
            return Encoding.UTF8.GetString(text, length).TrimEnd('\0', '\n', ' ');
        }
    }

    /// <summary>
    /// Initialises MPI for this process (<c>MPI_Init_thread</c>) and returns the world of the job. Run the program under
    /// <c>mpirun -np N</c> to get N processes; without it the world has one process.
    /// </summary>
    /// <param name="abortOnUnhandledException">
    /// End the whole job with <see cref="Abort"/> when an exception escapes on any thread of this process, so the other
    /// processes do not wait forever for a dead one; true by default.
    /// </param>
    /// <exception cref="DllNotFoundException">Open MPI's library is not installed; the message says what to install.</exception>
    /// <exception cref="EntryPointNotFoundException">The MPI library found is not Open MPI.</exception>
    /// <exception cref="InvalidOperationException">MPI is already initialised in this process, or was finalised (it cannot start again).</exception>
    public static MpiWorld Initialize(bool abortOnUnhandledException = true)
    {
        lock (s_lock)
        {
            if (s_current is not null) throw new InvalidOperationException("MPI is already initialised in this process: use the MpiWorld that Initialize returned (MpiWorld.Current), once per process.");
            if (s_finalized) throw new InvalidOperationException("MPI was finalised in this process (MpiWorld.Dispose), and MPI cannot be initialised twice: keep one MpiWorld for the whole program.");
            var handles = MpiHandles.Resolve();
            Check("MPI_Initialized", MpiCalls.Initialized(out int initialized));
            if (initialized == 0)
            {
                // A library that provides less than SERIALIZED still serves: the trainer calls MPI from the thread that trains.
                Check("MPI_Init_thread", MpiCalls.InitThread(0, 0, MpiCalls.ThreadSerialized, out _));
            }
            s_current = new MpiWorld(handles, abortOnUnhandledException);
            return s_current;
        }
    }

    /// <summary>Replaces every value by its sum over all processes (<c>MPI_Allreduce</c> in place).</summary>
    public unsafe void AllReduceSum(Span<float> values)
    {
        CheckOpen();
        fixed (float* data = values)
        {
            Check("MPI_Allreduce", MpiCalls.Allreduce(MpiHandles.InPlace, data, values.Length, _handles.Float, _handles.Sum, _handles.CommWorld));
        }
    }

    /// <summary>Replaces every value by its sum over all processes (<c>MPI_Allreduce</c> in place).</summary>
    public unsafe void AllReduceSum(Span<double> values)
    {
        CheckOpen();
        fixed (double* data = values)
        {
            Check("MPI_Allreduce", MpiCalls.Allreduce(MpiHandles.InPlace, data, values.Length, _handles.Double, _handles.Sum, _handles.CommWorld));
        }
    }

    /// <summary>Copies rank <paramref name="root"/>'s values into every process's <paramref name="values"/> (<c>MPI_Bcast</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="root"/> is not a rank of the job.</exception>
    public unsafe void Broadcast(Span<float> values, int root)
    {
        CheckRoot(root);
        fixed (float* data = values)
        {
            Check("MPI_Bcast", MpiCalls.Bcast(data, values.Length, _handles.Float, root, _handles.CommWorld));
        }
    }

    /// <summary>Copies rank <paramref name="root"/>'s values into every process's <paramref name="values"/> (<c>MPI_Bcast</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="root"/> is not a rank of the job.</exception>
    public unsafe void Broadcast(Span<double> values, int root)
    {
        CheckRoot(root);
        fixed (double* data = values)
        {
            Check("MPI_Bcast", MpiCalls.Bcast(data, values.Length, _handles.Double, root, _handles.CommWorld));
        }
    }

    /// <summary>Copies rank <paramref name="root"/>'s bytes into every process's <paramref name="values"/> (<c>MPI_Bcast</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="root"/> is not a rank of the job.</exception>
    public unsafe void Broadcast(Span<byte> values, int root)
    {
        CheckRoot(root);
        fixed (byte* data = values)
        {
            Check("MPI_Bcast", MpiCalls.Bcast(data, values.Length, _handles.Byte, root, _handles.CommWorld));
        }
    }

    /// <summary>Waits until every process has called it (<c>MPI_Barrier</c>).</summary>
    public void Barrier()
    {
        CheckOpen();
        Check("MPI_Barrier", MpiCalls.Barrier(_handles.CommWorld));
    }

    /// <summary>
    /// Ends every process of the job (<c>MPI_Abort</c>), after writing <paramref name="message"/> to this process's standard
    /// error prefixed with its rank. <c>mpirun</c> then exits with a non-zero code. Does not return.
    /// </summary>
    [DoesNotReturn]
    public void Abort(string message, int errorCode = 1)
    {
        try
        {
            Console.Out.Flush();
            Console.Error.WriteLine($"DslNet.Mpi: rank {Rank} of {Size} is aborting the job: {message}");
            Console.Error.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // A closed console must not keep the job from ending.
        }
        MpiCalls.Abort(_handles.CommWorld, errorCode == 0 ? 1 : errorCode);
        // MPI_Abort does not return in practice; if it ever does, the process must still end.
        Environment.FailFast($"MPI_Abort returned on rank {Rank}: {message}");
    }

    /// <summary>Gathers one value from every process: element r of <paramref name="received"/> is rank r's <paramref name="value"/>.</summary>
    internal unsafe void AllGather(ulong value, Span<ulong> received)
    {
        CheckOpen();
        if (received.Length != Size) throw new ArgumentException($"AllGather needs one slot per process ({Size}); got {received.Length}.", nameof(received));
        fixed (ulong* data = received)
        {
            Check("MPI_Allgather", MpiCalls.Allgather(&value, 1, _handles.UInt64, data, 1, _handles.UInt64, _handles.CommWorld));
        }
    }


    /// <summary>
    /// Starts an in-place sum over the ranks of <paramref name="length"/> floats at <paramref name="data"/>, which must not
    /// move (pinned) until <see cref="WaitAll"/> has returned for <paramref name="request"/>.
    /// </summary>
    internal unsafe void StartAllReduceSum(float* data, int length, nint* request)
    {
        CheckOpen();
        Check("MPI_Iallreduce", MpiCalls.Iallreduce(MpiHandles.InPlace, data, length, _handles.Float, _handles.Sum, _handles.CommWorld, request));
    }

    /// <summary>As the float overload, for doubles.</summary>
    internal unsafe void StartAllReduceSum(double* data, int length, nint* request)
    {
        CheckOpen();
        Check("MPI_Iallreduce", MpiCalls.Iallreduce(MpiHandles.InPlace, data, length, _handles.Double, _handles.Sum, _handles.CommWorld, request));
    }

    /// <summary>
    /// Lets started operations progress (<c>MPI_Testall</c>): Open MPI moves a non-blocking collective on only inside MPI
    /// calls, so a caller busy with other work calls this now and then. Returns whether all have completed.
    /// </summary>
    internal unsafe bool TestAll(int count, nint* requests)
    {
        CheckOpen();
        int done;
        Check("MPI_Testall", MpiCalls.Testall(count, requests, &done, MpiHandles.StatusesIgnore));
        return done != 0;
    }

    /// <summary>Waits for the started operations (<c>MPI_Waitall</c>).</summary>
    internal unsafe void WaitAll(int count, nint* requests)
    {
        CheckOpen();
        Check("MPI_Waitall", MpiCalls.Waitall(count, requests, MpiHandles.StatusesIgnore));
    }

    /// <summary>Finalises MPI (<c>MPI_Finalize</c>); every process must call it. MPI cannot be used again in this process.</summary>
    public void Dispose()
    {
        lock (s_lock)
        {
            if (_disposed) return;
            _disposed = true;
            if (_abortOnUnhandledException) AppDomain.CurrentDomain.UnhandledException -= AbortOnUnhandled;
            s_current = null;
            s_finalized = true;
            Check("MPI_Finalize", MpiCalls.Finalize());
        }
    }

    private void AbortOnUnhandled(object sender, UnhandledExceptionEventArgs e) =>
        Abort($"unhandled {e.ExceptionObject}");

    private void CheckOpen() => ObjectDisposedException.ThrowIf(_disposed, this);

    private void CheckRoot(int root)
    {
        CheckOpen();
        if ((uint)root >= (uint)Size) throw new ArgumentOutOfRangeException(nameof(root), root, $"The root must be a rank of the job, 0 to {Size - 1}.");
    }

    private static unsafe void Check(string call, int result)
    {
        if (result == 0) return;
        byte* text = stackalloc byte[1024];
        string description = MpiCalls.ErrorString(result, text, out int length) == 0 ? Encoding.UTF8.GetString(text, length) : "no description";
        throw new MpiException(call, result, description);
    }
}
