using System;

namespace DslNet.Generator.Emit;

/// <summary>
/// Wraps a public entry point's body in the runtime's <c>ConcurrentUse</c> check: the instance's buffers serve one
/// call at a time, so a second thread that enters while a call runs throws instead of corrupting both results.
/// Enter sits before the <c>try</c>: a call that fails to enter must not clear the flag of the call that holds it.
/// </summary>
internal static class BusyGuard
{
    public const string Field = "_busy";

    public static void WriteField(CodeWriter w)
    {
        w.Line("// 1 while a public call uses the buffers: a second thread entering then throws (ConcurrentUse).");
        w.Line($"private int {Field};");
    }

    /// <summary>Writes the enter and the <c>try</c>; disposing the result closes it with the <c>finally</c> that exits.</summary>
    public static IDisposable Open(CodeWriter w, string quoted)
    {
        w.Line($"global::DslNet.CompilerServices.ConcurrentUse.Enter(ref {Field}, {quoted});");
        return new Closer(w, w.Block("try"));
    }

    private sealed class Closer : IDisposable
    {
        private readonly CodeWriter _writer;
        private readonly IDisposable _try;

        public Closer(CodeWriter writer, IDisposable tryBlock)
        {
            _writer = writer;
            _try = tryBlock;
        }

        public void Dispose()
        {
            _try.Dispose();
            using (_writer.Block("finally")) _writer.Line($"global::DslNet.CompilerServices.ConcurrentUse.Exit(ref {Field});");
        }
    }
}
