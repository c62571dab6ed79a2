using System;

namespace DslNet;

/// <summary>
/// Marks a <c>partial class</c> as a network. The layer attributes stacked on the class,
/// read top to bottom, declare its architecture; the DslNet generator adds the code.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class NetworkAttribute : Attribute
{
}
