using System;
using System.CommandLine;

namespace DslNet.Tool;

/// <summary>The dslnet command line.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("DslNet's command-line tool") { ImportCommand.Create(Console.Out, Console.Error) };
        return root.Parse(args).Invoke();
    }
}
