using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Ml.Recurrent.Samples.Data;

namespace Ml.Recurrent.Samples.Tests;

[TestClass]
public sealed class ArchiveTests
{
    /// <summary>Writes a .tar.gz with the given entries: a null content makes a directory, a "->target" content a symbolic link.</summary>
    private static void WriteTarGz(string path, params (string Name, string? Content)[] entries)
    {
        using FileStream file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach ((string name, string? content) in entries)
        {
            if (content is null)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name));
            }
            else if (content.StartsWith("->", StringComparison.Ordinal))
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = content[2..] });
            }
            else
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
            }
        }
    }

    private static readonly (string, string?)[] ImdbEntries =
    [
        ("aclImdb/", null),
        ("aclImdb/train/pos/0_9.txt", "A wonderful film."),
        ("aclImdb/train/neg/0_2.txt", "Dull \"and\" long."),
        ("aclImdb/test/pos/0_10.txt", "Superb."),
        ("aclImdb/test/neg/0_1.txt", "Awful."),
    ];

    [TestMethod]
    public void Extract_WritesFilesAndFolders_ThatTheFolderLoaderReads()
    {
        using var folder = new TempFolder();
        string archive = folder.Combine("imdb.tar.gz");
        WriteTarGz(archive, ImdbEntries);

        int files = TarGzExtractor.Extract(archive, folder.Combine("out"));

        Assert.AreEqual(4, files);
        Assert.AreEqual("Dull \"and\" long.", File.ReadAllText(folder.Combine("out", "aclImdb", "train", "neg", "0_2.txt")));
        Dataset dataset = DatasetLoader.Load(new DatasetRequest { Path = folder.Combine("out", "aclImdb") });
        Assert.HasCount(2, dataset.Train);
        Assert.HasCount(2, dataset.Test);
    }

    [TestMethod]
    [DataRow("../evil.txt")]
    [DataRow("aclImdb/../../evil.txt")]
    [DataRow("/tmp/ml-recurrent-evil.txt")]
    public void Extract_RefusesEntriesThatLeaveTheDestination(string entryName)
    {
        using var folder = new TempFolder();
        string archive = folder.Combine("evil.tar.gz");
        WriteTarGz(archive, ("aclImdb/ok.txt", "fine"), (entryName, "owned"));
        string destination = folder.Combine("out");

        var error = Assert.ThrowsExactly<InvalidDataException>(() => TarGzExtractor.Extract(archive, destination));

        StringAssert.Contains(error.Message, entryName);
        Assert.IsFalse(File.Exists(folder.Combine("evil.txt")), "nothing may be written beside the destination");
        Assert.IsFalse(File.Exists("/tmp/ml-recurrent-evil.txt"));
    }

    [TestMethod]
    public void Extract_RefusesLinks()
    {
        using var folder = new TempFolder();
        string archive = folder.Combine("link.tar.gz");
        WriteTarGz(archive, ("aclImdb/link", "->/etc/passwd"));

        var error = Assert.ThrowsExactly<InvalidDataException>(() => TarGzExtractor.Extract(archive, folder.Combine("out")));

        StringAssert.Contains(error.Message, "SymbolicLink");
        Assert.IsFalse(File.Exists(folder.Combine("out", "aclImdb", "link")));
    }

    [TestMethod]
    [DataRow("aclImdb/..")]
    [DataRow("aclImdb/train/../../x.txt")]
    [DataRow("aclImdb/./..")]
    public void Extract_AnEntryWithADotDotSegment_ThrowsInvalidDataExceptionNamingIt(string entryName)
    {
        using var folder = new TempFolder();
        string archive = folder.Combine("dots.tar.gz");
        WriteTarGz(archive, ("aclImdb/ok.txt", "fine"), (entryName, "owned"));

        var error = Assert.ThrowsExactly<InvalidDataException>(() => TarGzExtractor.Extract(archive, folder.Combine("out")));

        StringAssert.Contains(error.Message, $"entry '{entryName}' has a '..' segment");
    }

    [TestMethod]
    public void Extract_RefusesToWriteThroughASymbolicLinkAlreadyInTheDestination()
    {
        using var folder = new TempFolder();
        string archive = folder.Combine("imdb.tar.gz");
        WriteTarGz(archive, ImdbEntries);
        Directory.CreateDirectory(folder.Combine("elsewhere"));
        Directory.CreateDirectory(folder.Combine("out"));
        Directory.CreateSymbolicLink(folder.Combine("out", "aclImdb"), folder.Combine("elsewhere"));

        var error = Assert.ThrowsExactly<InvalidDataException>(() => TarGzExtractor.Extract(archive, folder.Combine("out")));

        StringAssert.Contains(error.Message, "a symbolic link to");
        StringAssert.Contains(error.Message, "refusing to follow it");
        Assert.IsEmpty(Directory.EnumerateFileSystemEntries(folder.Combine("elsewhere")), "nothing written through the link");
    }

    [TestMethod]
    public void Extract_FailingHalfWay_RemovesWhatItExtracted_AndKeepsWhatWasThere()
    {
        using var folder = new TempFolder();
        string damaged = folder.Combine("damaged.tar.gz");
        WriteTarGz(damaged, [.. ImdbEntries, ("aclImdb/link", "->/etc/passwd")]);
        string truncated = folder.Combine("truncated.tar.gz");
        WriteTarGz(truncated, [.. ImdbEntries, ("aclImdb/big.txt", new string('x', 200_000))]);
        byte[] bytes = File.ReadAllBytes(truncated);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length * 3 / 4)]);
        string existing = folder.Write(Path.Combine("out", "aclImdb", "mine.txt"), "keep me");

        foreach (string archive in new[] { damaged, truncated })
        {
            var error = Assert.ThrowsExactly<InvalidDataException>(() => TarGzExtractor.Extract(archive, folder.Combine("out")));

            StringAssert.Contains(error.Message, archive);
            Assert.AreEqual("keep me", File.ReadAllText(existing));
            CollectionAssert.AreEqual(new[] { existing }, Directory.GetFileSystemEntries(folder.Combine("out"), "*", SearchOption.AllDirectories)
                .Where(File.Exists).ToArray(), "only the file that was there before remains");
            Assert.IsFalse(Directory.Exists(folder.Combine("out", "aclImdb", "train")), "folders it created are removed");
        }
    }

    [TestMethod]
    public void VerifySha256_RejectsAnotherFile_NamingBothChecksums()
    {
        using var folder = new TempFolder();
        string path = folder.Write("file.bin", "abc");
        string actual = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("abc")));

        ImdbDownloader.VerifySha256(path, actual.ToUpperInvariant());
        var error = Assert.ThrowsExactly<InvalidDataException>(() => ImdbDownloader.VerifySha256(path, ImdbDownloader.ArchiveSha256));

        StringAssert.Contains(error.Message, actual);
        StringAssert.Contains(error.Message, ImdbDownloader.ArchiveSha256);
    }

    [TestMethod]
    public async Task FetchAsync_DownloadsVerifiesAndExtracts_WithoutNetwork()
    {
        using var folder = new TempFolder();
        string built = folder.Combine("built.tar.gz");
        WriteTarGz(built, ImdbEntries);
        byte[] bytes = await File.ReadAllBytesAsync(built);
        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        using var http = new HttpClient(new FixedResponse(bytes));
        var downloader = new ImdbDownloader(http);
        string archive = folder.Combine("dl", ImdbDownloader.ArchiveFileName);

        int files = await downloader.FetchAsync(ImdbDownloader.ArchiveUri, archive, folder.Combine("dl"), sha);

        Assert.AreEqual(4, files);
        Assert.IsTrue(File.Exists(archive));
        Assert.IsFalse(File.Exists(archive + ".part"));
        Assert.AreEqual("Superb.", File.ReadAllText(folder.Combine("dl", "aclImdb", "test", "pos", "0_10.txt")));
    }

    [TestMethod]
    public async Task FetchAsync_WithWrongChecksum_KeepsNothingAndExtractsNothing()
    {
        using var folder = new TempFolder();
        string built = folder.Combine("built.tar.gz");
        WriteTarGz(built, ImdbEntries);
        using var http = new HttpClient(new FixedResponse(await File.ReadAllBytesAsync(built)));
        string archive = folder.Combine("dl", ImdbDownloader.ArchiveFileName);

        await Assert.ThrowsExactlyAsync<InvalidDataException>(() => new ImdbDownloader(http).FetchAsync(ImdbDownloader.ArchiveUri, archive, folder.Combine("dl"), ImdbDownloader.ArchiveSha256));

        Assert.IsFalse(File.Exists(archive));
        Assert.IsFalse(Directory.Exists(folder.Combine("dl", "aclImdb")));
    }

    private sealed class FixedResponse(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
    }
}
