using System;
using System.IO;

namespace DslNet.Generator.Tests;

/// <summary>Finds files of the repository (the folder holding DslNet.sln), so tests snapshot the real samples.</summary>
internal static class RepositoryFiles
{
    public static string Read(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DslNet.sln"))) return File.ReadAllText(Path.Combine(dir.FullName, relativePath));
        }
        throw new DirectoryNotFoundException("No DslNet.sln above " + AppContext.BaseDirectory);
    }
}
