using System.Text.RegularExpressions;

namespace Ml.Recurrent.Tests.Architecture;

/// <summary>The library's source files, found from the test's output folder up to the repository root.</summary>
internal static partial class LibrarySources
{
    /// <summary>The repository root (the folder holding Recurrent.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>src/Ml.Recurrent.</summary>
    public static string LibraryFolder => Path.Combine(RepositoryRoot, "src", "Ml.Recurrent");

    /// <summary>Every .cs file under <paramref name="folder"/> except build output.</summary>
    public static IReadOnlyList<string> CSharpFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Regex.IsMatch(Path.GetRelativePath(folder, f), @"(^|[/\\])(obj|bin)[/\\]"))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The library folder (relative, '/'-separated) that holds <paramref name="file"/>: "" for the root.</summary>
    public static string FolderOf(string file)
    {
        string relative = Path.GetRelativePath(LibraryFolder, Path.GetDirectoryName(file)!).Replace('\\', '/');
        return relative == "." ? string.Empty : relative;
    }

    /// <summary>The source with comments, string and character literals blanked, so only code remains.</summary>
    public static string CodeOnly(string source) => CommentsAndLiterals().Replace(source, m =>
        m.Value.StartsWith('/') ? " " : "\"\"");

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Recurrent.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException($"No Recurrent.sln above {AppContext.BaseDirectory}; the architecture tests read the sources.");
    }

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|\$?""(?:[^""\\\n]|\\.)*""|'(?:[^'\\\n]|\\.)+'", RegexOptions.Singleline)]
    private static partial Regex CommentsAndLiterals();
}
