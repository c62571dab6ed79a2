using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>The README links every page of docs/, and every relative link in the README and docs/ leads to a file.</summary>
public sealed class DocumentationLinksTests
{
    // Pages linked by name while other work writes them; remove a name once its page exists.
    private static readonly string[] PagesInProgress = [];

    private static readonly Regex Link = new(@"\]\((?<target>[^)#\s]+)(#[^)]*)?\)", RegexOptions.Compiled);

    [Fact]
    public void The_readme_links_every_docs_page()
    {
        string readme = RepositoryFiles.Read("README.md");
        var pages = Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "docs"), "*.md").Select(p => "docs/" + Path.GetFileName(p));
        Assert.All(pages, page => Assert.Contains($"]({page})", readme));
    }

    [Fact]
    public void Relative_links_in_the_readme_and_docs_lead_to_files()
    {
        var files = new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "docs"), "*.md")
            .Select(p => "docs/" + Path.GetFileName(p)));
        foreach (string file in files)
        {
            string folder = Path.GetDirectoryName(file)!;
            foreach (Match match in Link.Matches(RepositoryFiles.Read(file)))
            {
                string target = match.Groups["target"].Value;
                if (target.Contains("://")) continue;
                string path = Path.GetRelativePath(RepositoryFiles.Root, Path.GetFullPath(Path.Combine(RepositoryFiles.Root, folder, target))).Replace('\\', '/');
                bool exists = File.Exists(Path.Combine(RepositoryFiles.Root, path)) || Directory.Exists(Path.Combine(RepositoryFiles.Root, path));
                Assert.True(exists || PagesInProgress.Contains(path), $"{file} links to {target}, which does not exist");
            }
        }
    }
}
