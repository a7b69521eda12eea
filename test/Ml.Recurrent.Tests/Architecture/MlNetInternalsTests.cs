using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ml.Recurrent.Tests.Architecture;

/// <summary>
/// ML.NET internals are used only in src/Ml.Recurrent/MlNet/: the library's sources are compiled here against the
/// ordinary ML.NET assemblies (not the publicized copies the build uses), and every error must lie in MlNet/.
/// Roslyn binds every method body here, unlike a command-line build, which stops at the first declaration errors.
/// </summary>
[TestClass]
public sealed class MlNetInternalsTests
{
    private const string GlobalUsings =
        "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
        "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    [TestMethod]
    public void MlNetInternals_AreUsedOnlyInTheMlNetFolder()
    {
        IReadOnlyList<Diagnostic> errors = CompileAgainstOrdinaryMlNet(LibrarySources.CSharpFiles(LibrarySources.LibraryFolder));
        string Show(Diagnostic d) => $"{Path.GetRelativePath(LibrarySources.LibraryFolder, d.Location.SourceTree?.FilePath ?? "?")}" +
            $"({d.Location.GetLineSpan().StartLinePosition.Line + 1}): {d.Id} {d.GetMessage()}";
        var outside = errors.Where(e => !InMlNet(e)).Select(Show).ToList();
        Assert.IsEmpty(outside, "ML.NET internals used outside src/Ml.Recurrent/MlNet/:" + Environment.NewLine + string.Join(Environment.NewLine, outside));
        Assert.IsTrue(errors.Any(e => e.Id == "CS0122" && InMlNet(e)),
            "MlNet/ itself uses internals (ModelLoadContext, LoadableClass), so compiling without them must fail there; " +
            "if it does not, the check is not compiling against the ordinary assemblies");
    }

    [TestMethod]
    public void InternalsCheck_ReportsAnInternalUse_OutsideMlNet()
    {
        string planted = Path.Combine(LibrarySources.LibraryFolder, "DataView", "Planted.cs");
        var tree = CSharpSyntaxTree.ParseText("namespace Ml.Recurrent.DataView; internal static class Planted { " +
            "public static string Kind => Microsoft.ML.Data.AnnotationUtils.Kinds.KeyValues; }", Options, planted);
        IReadOnlyList<Diagnostic> errors = CompileAgainstOrdinaryMlNet(LibrarySources.CSharpFiles(LibrarySources.LibraryFolder), tree);
        Assert.IsTrue(errors.Any(e => e.Location.SourceTree == tree), "a planted use of AnnotationUtils outside MlNet/ is reported");
    }

    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview);

    private static bool InMlNet(Diagnostic d) =>
        LibrarySources.FolderOf(d.Location.SourceTree?.FilePath ?? string.Empty).Split('/')[0] == "MlNet";

    private static IReadOnlyList<Diagnostic> CompileAgainstOrdinaryMlNet(IReadOnlyList<string> files, SyntaxTree? extra = null)
    {
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), Options, f)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(GlobalUsings, Options, "GlobalUsings.g.cs"));
        if (extra is not null) trees.Add(extra);
        var compilation = CSharpCompilation.Create("Ml.Recurrent", trees, References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true));
        // CS8795: a [GeneratedRegex]/[LibraryImport] partial method whose body a source generator writes; generators do
        // not run here, and those methods use no ML.NET API.
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795").ToList();
    }

    /// <summary>The framework, plus the managed assemblies next to the tests: the real, unmodified ML.NET, TorchSharp, Tokenizers.</summary>
    private static List<MetadataReference> References()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.AddRange(Directory.GetFiles(AppContext.BaseDirectory, "*.dll").Where(p =>
            !Path.GetFileName(p).StartsWith("Ml.Recurrent", StringComparison.Ordinal) && IsManaged(p)));
        return paths.GroupBy(Path.GetFileName).Select(g => (MetadataReference)MetadataReference.CreateFromFile(g.First())).ToList();
    }

    private static bool IsManaged(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        return pe.HasMetadata && pe.GetMetadataReader().IsAssembly;
    }
}
