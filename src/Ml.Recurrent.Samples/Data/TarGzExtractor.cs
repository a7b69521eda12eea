using System.Formats.Tar;
using System.IO.Compression;

namespace Ml.Recurrent.Samples.Data;

// Hand-written guard: TarFile.ExtractToDirectory would also create the archive's links; this keeps to files.
/// <summary>
/// Extracts a <c>.tar.gz</c> archive with System.Formats.Tar, creating only directories and regular files, and
/// only inside the destination: an entry with an absolute path, a <c>..</c> segment, or a path through a symbolic
/// link already present in the destination is refused, and links are never created. When extraction fails half-way
/// (a refused entry, a damaged or truncated archive, a full disk), the files and folders it created are removed again.
/// </summary>
public static class TarGzExtractor
{
    /// <summary>Extracts <paramref name="archivePath"/> into <paramref name="destination"/>; returns the number of
    /// files written.</summary> <exception cref="InvalidDataException">An entry would land outside
    /// <paramref name="destination"/>, is a link or device, goes through a symbolic link, or the archive is damaged;
    /// what this call extracted before is removed.</exception>
    public static int Extract(string archivePath, string destination, IProgress<int>? filesWritten = null)
    {
        if (!File.Exists(archivePath)) throw new FileNotFoundException($"Archive '{archivePath}' does not exist.",
            archivePath);
        string root = Path.GetFullPath(destination);
        Directory.CreateDirectory(root);
        string rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        var created = new List<string>();
        try
        {
            return ExtractInto(archivePath, rootWithSeparator, created, filesWritten);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            RemoveCreated(created);
            if (e is InvalidDataException && e.Message.StartsWith($"Archive '{archivePath}'", StringComparison.Ordinal))
                throw;
            throw new InvalidDataException($"Archive '{archivePath}' could not be extracted ({e.Message}); the " +
                $"{created.Count} file(s) and folder(s) extracted before were removed.", e);
        }
    }

    private static int ExtractInto(string archivePath, string rootWithSeparator, List<string> created,
        IProgress<int>? filesWritten)
    {
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
                    CreateDirectories(rootWithSeparator, target, created);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    CreateDirectories(rootWithSeparator, Path.GetDirectoryName(target)!, created);
                    if (Directory.Exists(target))
                        throw new InvalidDataException($"Archive '{archivePath}': entry '{entry.Name}' is a file, " +
                            $"but '{target}' is a folder; refusing to extract it.");
                    if (!File.Exists(target)) created.Add(target);
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

    /// <summary>Creates the folders from the root down to <paramref name="folder"/>, recording the new ones.</summary>
    private static void CreateDirectories(string rootWithSeparator, string folder, List<string> created)
    {
        string root = Path.TrimEndingDirectorySeparator(rootWithSeparator);
        var missing = new Stack<string>();
        for (string? f = Path.TrimEndingDirectorySeparator(folder); f is not null && f.Length > root.Length &&
            !Directory.Exists(f); f = Path.GetDirectoryName(f))
            missing.Push(f);
        foreach (string f in missing)
        {
            Directory.CreateDirectory(f);
            created.Add(f);
        }
    }

    /// <summary>Deletes what this extraction created, files first, then folders deepest first (if empty).</summary>
    private static void RemoveCreated(List<string> created)
    {
        foreach (string path in Enumerable.Reverse(created))
        {
            try
            {
                if (File.Exists(path)) File.Delete(path);
                else if (Directory.Exists(path) && !Directory.EnumerateFileSystemEntries(path).Any())
                    Directory.Delete(path);
            }
            catch (IOException)
            {
                // Best effort: the original error is the one to report.
            }
        }
    }

    private static string TargetPath(string rootWithSeparator, string entryName, string archivePath)
    {
        if (string.IsNullOrEmpty(entryName) || Path.IsPathRooted(entryName) || entryName.Contains('\0'))
            throw new InvalidDataException($"Archive '{archivePath}': entry '{entryName}' has an absolute or empty " +
                $"path; refusing to extract it.");
        if (entryName.Split('/', '\\').Contains(".."))
            throw new InvalidDataException($"Archive '{archivePath}': entry '{entryName}' has a '..' segment " +
                $"(path traversal); refusing to extract it.");
        string target = Path.GetFullPath(Path.Combine(rootWithSeparator, entryName));
        string targetWithSeparator = Path.EndsInDirectorySeparator(target) ? target : target +
            Path.DirectorySeparatorChar;
        if (!targetWithSeparator.StartsWith(rootWithSeparator, StringComparison.Ordinal))
            throw new InvalidDataException($"Archive '{archivePath}': entry '{entryName}' would be written outside " +
                $"'{rootWithSeparator.TrimEnd(Path.DirectorySeparatorChar)}' (path traversal); refusing to extract " +
                $"it.");
        // A symbolic link already in the destination (e.g. <output>/aclImdb -> /etc) would carry the write elsewhere.
        for (string? p = Path.TrimEndingDirectorySeparator(target);
            p is not null && p.Length >= rootWithSeparator.Length; p = Path.GetDirectoryName(p))
        {
            FileSystemInfo info = Directory.Exists(p) ? new DirectoryInfo(p) : new FileInfo(p);
            if (info.LinkTarget is not null)
                throw new InvalidDataException($"Archive '{archivePath}': entry '{entryName}' would be written " +
                    $"through '{p}', a symbolic link to '{info.LinkTarget}'; refusing to follow it. Remove the link " +
                    $"or choose another --output.");
        }

        return Path.TrimEndingDirectorySeparator(target);
    }
}
