using System;
using System.IO;

namespace DslNet.Generator.Tests;

/// <summary>Finds files of the repository (the folder holding DslNet.sln), so tests snapshot the real samples.</summary>
internal static class RepositoryFiles
{
    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    /// <summary>The repository's root folder.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DslNet.sln"))) return dir.FullName;
            }
            throw new DirectoryNotFoundException("No DslNet.sln above " + AppContext.BaseDirectory);
        }
    }
}
