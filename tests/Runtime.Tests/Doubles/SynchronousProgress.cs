using System;
using System.Collections.Generic;

namespace DslNet.Tests;

/// <summary>Collects reports as they arrive, on the reporting thread (unlike <see cref="Progress{T}"/>, which posts).</summary>
public sealed class SynchronousProgress<T> : IProgress<T>
{
    public List<T> Reports { get; } = [];

    public void Report(T value) => Reports.Add(value);
}
