using System;

namespace DslNet;

/// <summary>
/// Marks a <c>partial class</c> as a network. The layer attributes stacked on the class,
/// read top to bottom, declare its architecture; the DslNet generator adds the code.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>The loss the network trains with; declaring it lets the build check that it fits the output.</summary>
    public LossKind Loss { get; set; }
}
