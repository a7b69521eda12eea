using System.Security.Cryptography;

namespace Ml.Recurrent.Samples.Data;

/// <summary>
/// Fetches the Large Movie Review Dataset (Maas et al. 2011, "aclImdb"), checks its SHA-256 and extracts it,
/// giving <c>aclImdb/train/{pos,neg}/*.txt</c> and <c>aclImdb/test/{pos,neg}/*.txt</c>.
/// </summary>
public sealed class ImdbDownloader(HttpClient http)
{
    /// <summary>The archive's public address.</summary>
    public static readonly Uri ArchiveUri = new("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz");

    /// <summary>
    /// SHA-256 of <c>aclImdb_v1.tar.gz</c> (84,125,825 bytes), as recorded in TensorFlow Datasets'
    /// <c>imdb_reviews/checksums.tsv</c> and by several other dataset loaders.
    /// </summary>
    public const string ArchiveSha256 = "c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe";

    /// <summary>File name of the archive in the output folder.</summary>
    public const string ArchiveFileName = "aclImdb_v1.tar.gz";

    /// <summary>
    /// Downloads <paramref name="source"/> to <paramref name="archivePath"/> (unless that file already exists),
    /// verifies <paramref name="expectedSha256"/>, then extracts into <paramref name="destination"/>.
    /// A download goes to a <c>.part</c> file first and is renamed only after its checksum matched.
    /// </summary>
    /// <returns>The number of files extracted.</returns>
    public async Task<int> FetchAsync(Uri source, string archivePath, string destination, string expectedSha256,
        IProgress<(long Bytes, long? Total)>? download = null, IProgress<int>? extracted =
            null, CancellationToken cancellation = default)
    {
        string expected = NormaliseChecksum(expectedSha256);
        if (!File.Exists(archivePath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(archivePath))!);
            string part = archivePath + ".part";
            await DownloadAsync(source, part, download, cancellation).ConfigureAwait(false);
            VerifySha256(part, expected);
            File.Move(part, archivePath, overwrite: true);
        }
        else
        {
            VerifySha256(archivePath, expected);
        }

        return TarGzExtractor.Extract(archivePath, destination, extracted);
    }

    /// <summary>Throws <see cref="InvalidDataException"/> naming the file, the expected and the actual
    /// checksum when they differ.</summary>
    public static void VerifySha256(string path, string expectedSha256)
    {
        string expected = NormaliseChecksum(expectedSha256);
        string actual;
        using (FileStream stream = File.OpenRead(path))
        {
            actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        if (actual != expected)
            throw new InvalidDataException($"'{path}' has SHA-256 {actual}, expected {expected}: the download is " +
                $"damaged or not the expected file. Delete it and try again, or pass --sha256 if the published " +
                $"archive changed.");
    }

    private static string NormaliseChecksum(string value)
    {
        string trimmed = value.Trim().ToLowerInvariant();
        if (trimmed.Length != 64 || !trimmed.All(Uri.IsHexDigit))
            throw new ArgumentException($"A SHA-256 checksum is 64 hexadecimal digits; got '{value}'.", nameof(value));
        return trimmed;
    }

    private async Task DownloadAsync(Uri source, string path, IProgress<(long, long?)>? progress,
        CancellationToken cancellation)
    {
        using HttpResponseMessage response =
            await http.GetAsync(source, HttpCompletionOption.ResponseHeadersRead, cancellation).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Downloading {source} failed: HTTP {(int)response.StatusCode} " +
                $"{response.ReasonPhrase}.");
        long? total = response.Content.Headers.ContentLength;
        await using Stream input = await response.Content.ReadAsStreamAsync(cancellation).ConfigureAwait(false);
        await using FileStream output = File.Create(path);
        var buffer = new byte[1 << 16];
        long done = 0;
        int read;
        while ((read = await input.ReadAsync(buffer, cancellation).ConfigureAwait(false)) > 0)
        {
            await output.WriteAsync(buffer.AsMemory(0, read), cancellation).ConfigureAwait(false);
            done += read;
            progress?.Report((done, total));
        }
    }
}
