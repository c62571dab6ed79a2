using System;

namespace DslNet.Mpi;

/// <summary>An MPI call returned an error code; the message names the call and MPI's text for the code.</summary>
public sealed class MpiException : Exception
{
    /// <summary>Creates the exception for <paramref name="call"/> failing with <paramref name="errorCode"/>.</summary>
    internal MpiException(string call, int errorCode, string description)
        : base($"{call} failed with MPI error {errorCode}: {description}")
    {
        Call = call;
        ErrorCode = errorCode;
    }

    /// <summary>The MPI function that failed, for example <c>MPI_Allreduce</c>.</summary>
    public string Call { get; }

    /// <summary>The error code it returned.</summary>
    public int ErrorCode { get; }
}
