using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>
/// Benchmark figures live in docs/, where they carry their date, machine and command; a figure in a code comment
/// goes stale unnoticed. Comments say why a choice was made, docs say how much it gained.
/// </summary>
public sealed class CodeCommentFiguresTests
{
    private static readonly string[] Folders = ["src", "bench", "tests", "samples"];

    // What a measurement looks like in prose. Defaults and limits ("200 µs when null", "1 ms to 1 s") are not matched:
    // they are part of the code's contract, not a timing.
    private static readonly Regex[] MeasuredFigure =
    [
        new(@"\d+(\.\d+|,\d{3})*\s*(GFLOP/s|samples/s|sequences/s|images/s|steps/s)", RegexOptions.Compiled),
        new(@"\d+(\.\d+)?\s*k\s+(samples|sequences|images|steps)\b", RegexOptions.Compiled),
        new(@"\d(\.\d+)?\s*[-–]\s*\d+(\.\d+)?\s*(µs|ms|ns)\b", RegexOptions.Compiled),
        new(@"\d(\.\d+)?\s*(µs|ms|ns)\s+(against|before|after|vs\b|per\s+\d+)", RegexOptions.Compiled),
        new(@"\bZen\s*\d|\bquiet (core|round|machine)\b", RegexOptions.Compiled),
        new(@"\b(two|three|four|five|several|many|\d+(\.\d+)?)\s*(times|×)\s+(faster|slower)\b", RegexOptions.Compiled | RegexOptions.IgnoreCase),
        new(@"\d+(\.\d+)?\s*%\s+(faster|slower)\b", RegexOptions.Compiled | RegexOptions.IgnoreCase),
    ];

    [Fact]
    public void Code_comments_hold_no_benchmark_figures()
    {
        var found = new List<string>();
        foreach (string file in SourceFiles())
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                string? comment = CommentOf(lines[i]);
                if (comment is null) continue;
                foreach (Regex figure in MeasuredFigure)
                {
                    Match match = figure.Match(comment);
                    if (match.Success)
                    {
                        found.Add($"{Path.GetRelativePath(RepositoryFiles.Root, file).Replace('\\', '/')}:{i + 1}: \"{match.Value}\"");
                        break;
                    }
                }
            }
        }
        Assert.True(found.Count == 0,
            "Benchmark figures in code comments; move each to the docs/ page it belongs to (with the date, the machine and "
            + "the command that reproduces it) and keep only the reason in the comment:\n" + string.Join("\n", found));
    }

    [Theory]
    [InlineData("    // single pass is still faster (784×128 from L2, a quiet core: 6.3-7.0 µs against 7.9-8.7).")]
    [InlineData("/// Measured (Zen 3, AVX2): W1's 64×784×128 product alone ran at 86-90 GFLOP/s with both operands")]
    [InlineData("/// of each build, W1's median went from about 115 k to 120 k samples/s")]
    [InlineData("/// The vectors use a float-only e^x (within 2 ulp), about three times faster than <c>Vector256.Exp</c>")]
    [InlineData("/// threads: about 1 µs per 16 KB. A batch of one row runs on the calling thread")]
    [InlineData("int x = 1; // 1→8 channels on 26×26 outputs 2.2-2.3 against 3.1-3.4 µs (batch 1)")]
    public void A_figure_is_recognised(string line) =>
        Assert.Contains(MeasuredFigure, figure => figure.IsMatch(CommentOf(line) ?? ""));

    [Theory]
    [InlineData("    /// <param name=\"spinTime\">How long an idle worker spins before it sleeps; 200 µs when null.</param>")]
    [InlineData("/// The rest doubles each time it happens again (1 ms to 1 s) and halves after a job the workers kept up with.")]
    [InlineData("/// <summary>W3 mlp-infer-1: W1's network, one inference forward pass of one sample, softmax included; µs per sample.</summary>")]
    [InlineData("        w.Line($\"// {Names.Name}: Conv2D 2.2-2.3 µs\"); // emitted text is the snapshots' business")]
    [InlineData("/// gradient, plain SGD (lr 0.01), batch 256. GFLOP/s counting 6·B·in·out per step (three products).")]
    public void A_default_a_unit_or_emitted_text_is_not_a_figure(string line) =>
        Assert.DoesNotContain(MeasuredFigure, figure => figure.IsMatch(CommentOf(line) ?? ""));

    private static IEnumerable<string> SourceFiles() =>
        Folders.Select(folder => Path.Combine(RepositoryFiles.Root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(file => !IsBuildOutput(file) && !file.EndsWith(".verified.cs") && !file.EndsWith(".received.cs")
                && Path.GetFileName(file) != nameof(CodeCommentFiguresTests) + ".cs");

    private static bool IsBuildOutput(string file)
    {
        string[] parts = Path.GetRelativePath(RepositoryFiles.Root, file).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj");
    }

    /// <summary>The text after <c>//</c> when the line has a comment outside string literals, else null.</summary>
    private static string? CommentOf(string line)
    {
        bool inString = false;
        for (int i = 0; i < line.Length - 1; i++)
        {
            char c = line[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            }
            else if (c == '"') inString = true;
            else if (c == '\'' && i + 2 < line.Length) i += line[i + 1] == '\\' ? 3 : 2; // a char literal such as '"'
            else if (c == '/' && line[i + 1] == '/') return line[(i + 2)..];
        }
        return null;
    }
}
