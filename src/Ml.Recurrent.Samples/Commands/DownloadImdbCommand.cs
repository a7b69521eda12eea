using System.CommandLine;
using Ml.Recurrent.Samples.Data;

namespace Ml.Recurrent.Samples.Commands;

/// <summary><c>download-imdb</c>: fetch the IMDB review archive, check its SHA-256 and extract it safely.</summary>
internal static class DownloadImdbCommand
{
    public static Command Create()
    {
        var output =
            new Option<DirectoryInfo>("--output") { Description = "Folder to put the archive in and extract it into " +
                "(gives <output>/aclImdb).", DefaultValueFactory = _ =>
                new DirectoryInfo(Path.Combine("out", "imdb")) };
        var sha256 =
            new Option<string>("--sha256") { Description = "Expected SHA-256 of the archive (default: the published " +
                "one, from TensorFlow Datasets' checksum list).", DefaultValueFactory = _ =>
                ImdbDownloader.ArchiveSha256 };
        var url =
            new Option<Uri>("--url") { Description = "Where to download from.",
                DefaultValueFactory = _ => ImdbDownloader.ArchiveUri, CustomParser = r =>
                new Uri(r.Tokens.Single().Value, UriKind.Absolute) };
        var archive =
            new Option<FileInfo?>("--archive") { Description = "Use an archive already on disk instead of " +
                "downloading (it is still verified)." };
        var command =
            new Command("download-imdb",
                "Download the IMDB movie-review archive (aclImdb_v1.tar.gz, 84 MB), verify its SHA-256 and extract " +
                "it.") { output, sha256, url, archive };
        command.SetAction(async (result, cancellation) =>
            await RunAsync(result.GetValue(output)!, result.GetValue(sha256)!, result.GetValue(url)!,
                result.GetValue(archive), cancellation).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo output, string sha256, Uri url, FileInfo? archive,
        CancellationToken cancellation)
    {
        try
        {
            string archivePath = archive?.FullName ?? Path.Combine(output.FullName, ImdbDownloader.ArchiveFileName);
            if (archive is { Exists: false }) throw new FileNotFoundException($"Archive '{archive.FullName}' does " +
                $"not exist.", archive.FullName);
            Console.WriteLine(File.Exists(archivePath) ? $"Using {archivePath}."
                : $"Downloading {url} to {archivePath}...");
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
            var downloader = new ImdbDownloader(http);
            long nextReport = 0;
            var download = new SynchronousProgress<(long Bytes, long? Total)>(p =>
            {
                if (p.Bytes < nextReport) return;
                nextReport = p.Bytes + (10L << 20);
                Console.WriteLine(p.Total is { } total ? $"  {p.Bytes >> 20} of {total >> 20} MiB"
                    : $"  {p.Bytes >> 20} MiB");
            });
            var extracted = new SynchronousProgress<int>(n =>
            {
                if (n % 10_000 == 0) Console.WriteLine($"  extracted {n} files");
            });
            int files =
                await downloader.FetchAsync(url, archivePath, output.FullName, sha256, download, extracted,
                    cancellation).ConfigureAwait(false);
            string root = Path.Combine(output.FullName, "aclImdb");
            Console.WriteLine($"SHA-256 verified; extracted {files} files into {output.FullName}.");
            Console.WriteLine($"Train on it with: train --data {root} (classes from train/pos and train/neg; " +
                $"train/unsup has no test counterpart and is left out).");
            return 0;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or ArgumentException
                                      or HttpRequestException or TaskCanceledException or IOException
                                      or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {TerminalText.Escape(e.Message)}");
            return CommandGuard.UsageError;
        }
    }

    /// <summary>Calls back on the reporting thread, in order (unlike <see cref="Progress{T}"/>).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
