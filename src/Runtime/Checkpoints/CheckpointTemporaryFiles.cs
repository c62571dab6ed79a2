using System;
using System.IO;

namespace DslNet;

/// <summary>
/// The hidden temporary files <see cref="Checkpoint.Save"/> writes before renaming over the target,
/// <c>.name.dnck.&lt;32 hex digits&gt;.tmp</c> beside it, and the removal of those a crash or a kill left behind.
/// </summary>
internal static class CheckpointTemporaryFiles
{
    // A save in progress holds its file open and writes it within moments; only older, unopened files are leftovers.
    private static readonly TimeSpan s_staleAfter = TimeSpan.FromMinutes(1);

    /// <summary>A new temporary path for <paramref name="target"/> (a full path), in the same folder so the rename is atomic.</summary>
    public static string NewPath(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");

    /// <summary>
    /// Deletes the leftover temporary files of <paramref name="target"/>: same name, a 32-hex-digit id, not written for a
    /// minute and not held open by a save in progress. Best effort: a file that cannot be deleted stays.
    /// </summary>
    public static void RemoveStale(string target)
    {
        string directory = Path.GetDirectoryName(target)!;
        string prefix = $".{Path.GetFileName(target)}.";
        string[] candidates;
        try
        {
            candidates = Directory.GetFiles(directory, prefix + "*.tmp");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        DateTime staleBefore = DateTime.UtcNow - s_staleAfter;
        foreach (string candidate in candidates)
        {
            string name = Path.GetFileName(candidate);
            // The pattern's * also matches other names that merely share the prefix: keep to the form NewPath makes.
            ReadOnlySpan<char> id = name.AsSpan(prefix.Length, name.Length - prefix.Length - ".tmp".Length);
            if (!IsId(id)) continue;
            try
            {
                if (File.GetLastWriteTimeUtc(candidate) > staleBefore) continue;
                // A save in progress opens its file with FileShare.None, which this open then fails on.
                using (new FileStream(candidate, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }
                File.Delete(candidate);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use or not ours to delete: leave it.
            }
        }
    }

    private static bool IsId(ReadOnlySpan<char> id)
    {
        if (id.Length != 32) return false;
        foreach (char c in id)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)) return false;
        }
        return true;
    }
}
