namespace Ml.Recurrent.Tests.Architecture;

/// <summary>File and line sizes that keep the code readable (docs/design.md).</summary>
[TestClass]
public sealed class LayoutTests
{
    private const int MaximumFileLines = 400;
    private const int MaximumLineLength = 120;

    [TestMethod]
    public void EverySourceFileUnderSrc_HasAtMost400Lines_AndNoLineOver120Characters()
    {
        var problems = new List<string>();
        foreach (string file in LibrarySources.CSharpFiles(Path.Combine(LibrarySources.RepositoryRoot, "src")))
        {
            string[] lines = File.ReadAllLines(file);
            string name = Path.GetRelativePath(LibrarySources.RepositoryRoot, file);
            if (lines.Length > MaximumFileLines) problems.Add($"{name}: {lines.Length} lines");
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length > MaximumLineLength) problems.Add($"{name}:{i + 1}: {lines[i].Length} characters");
            }
        }

        Assert.IsEmpty(problems, string.Join(Environment.NewLine, problems.Take(40)));
    }

    [TestMethod]
    public void LibraryRoot_HoldsOnlyTheCatalogAndPublicEnums()
    {
        string[] rootFiles = Directory.GetFiles(LibrarySources.LibraryFolder, "*.cs").Select(Path.GetFileName).ToArray()!;
        foreach (string file in rootFiles)
        {
            string code = LibrarySources.CodeOnly(File.ReadAllText(Path.Combine(LibrarySources.LibraryFolder, file)));
            bool isEnum = System.Text.RegularExpressions.Regex.IsMatch(code, @"\bpublic enum \w+");
            Assert.IsTrue(file == "RecurrentCatalog.cs" || isEnum, $"{file} belongs in a folder: the root holds the catalog and public enums");
        }
    }
}
