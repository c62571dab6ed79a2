using System;
using System.Text;

namespace DslNet.Generator.Emit;

/// <summary>A small indented text writer: generated code is text, deterministic and readable.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>The shape structs the text written so far calls the runtime's kernels with.</summary>
    public KernelShapes KernelShapes { get; } = new();

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0) _text.Append(' ', _indent * 4).Append(line);
        _text.Append('\n');
        return this;
    }

    /// <summary>Writes <c>header</c> (if any), an opening brace, and indents until the returned scope is disposed.</summary>
    public IDisposable Block(string header)
    {
        if (header.Length > 0) Line(header);
        Line("{");
        _indent++;
        return new Scope(this);
    }

    public override string ToString() => _text.ToString();

    private sealed class Scope : IDisposable
    {
        private readonly CodeWriter _writer;

        public Scope(CodeWriter writer) => _writer = writer;

        public void Dispose()
        {
            _writer._indent--;
            _writer.Line("}");
        }
    }
}
