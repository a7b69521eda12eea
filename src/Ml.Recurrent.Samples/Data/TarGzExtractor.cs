using System.Formats.Tar;
using System.IO.Compression;

namespace Ml.Recurrent.Samples.Data;

// Hand-written guard: TarFile.ExtractToDirectory would also create the archive's links; this keeps to files.
/// <summary>
/// Extracts a <c>.tar.gz</c> archive with System.Formats.Tar, creating only directories and regular files, and
/// only inside the destination: an entry with an absolute path or one that climbs out with <c>..</c> is refused,
/// and links are never created.
/// </summary>
public static class TarGzExtractor
{
    /// <summary>Extracts <paramref name="archivePath"/> into <paramref name="destination"/>; returns the number of
    /// files written.</summary> <exception cref="InvalidDataException">An entry would land outside
    /// <paramref name="destination"/>, or is a link or device; nothing after it is extracted.</exception>
    public static int Extract(string archivePath, string destination, IProgress<int>? filesWritten = null)
    {
        if (!File.Exists(archivePath)) throw new FileNotFoundException($"Archive '{archivePath}' does not exist.",
            archivePath);
        string root = Path.GetFullPath(destination);
        Directory.CreateDirectory(root);
        string rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;

        using FileStream file = File.OpenRead(archivePath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        int count = 0;
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.GlobalExtendedAttributes) continue;
            string target = TargetPath(rootWithSeparator, entry.Name, archivePath);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(target);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    using (FileStream output = File.Create(target))
                    {
                        entry.DataStream?.CopyTo(output);
                    }

                    count++;
                    filesWritten?.Report(count);
                    break;
                default:
                    throw new InvalidDataException($"Archive '{archivePath}': entry '{entry.Name}' is a " +
                        $"{entry.EntryType}; only directories and regular files are extracted.");
            }
        }

        return count;
    }

    private static string TargetPath(string rootWithSeparator, string entryName, string archivePath)
    {
        if (string.IsNullOrEmpty(entryName) || Path.IsPathRooted(entryName) || entryName.Contains('\0'))
            throw new InvalidDataException($"Archive '{archivePath}': entry '{entryName}' has an absolute or empty " +
                $"path; refusing to extract it.");
        string target = Path.GetFullPath(Path.Combine(rootWithSeparator, entryName));
        string targetWithSeparator = Path.EndsInDirectorySeparator(target) ? target : target +
            Path.DirectorySeparatorChar;
        if (!targetWithSeparator.StartsWith(rootWithSeparator, StringComparison.Ordinal))
            throw new InvalidDataException($"Archive '{archivePath}': entry '{entryName}' would be written outside " +
                $"'{rootWithSeparator.TrimEnd(Path.DirectorySeparatorChar)}' (path traversal); refusing to extract " +
                $"it.");
        return Path.TrimEndingDirectorySeparator(target);
    }
}
