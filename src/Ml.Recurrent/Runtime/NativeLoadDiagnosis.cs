using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Ml.Recurrent.Runtime;

/// <summary>
/// Explains why TorchSharp's native library (<c>libLibTorchSharp.so</c>) failed to load on Linux.
/// TorchSharp reports such a failure as "cannot open shared object file", which hides the real cause:
/// usually a libstdc++ that lacks a symbol version the library was linked against.
/// </summary>
internal static partial class NativeLoadDiagnosis
{
    /// <summary>The libstdc++ symbol version that TorchSharp 0.107's native library needs.</summary>
    public const string RequiredGlibcxxVersion = "GLIBCXX_3.4.32";

    /// <summary>What a user runs from the repository root to fix it on a Debian-family system.</summary>
    public const string FixCommand = "sudo bash build/setup-native.sh";

    /// <summary>
    /// What a package user runs instead: the same script, shipped in the package's <c>tools/</c> folder
    /// (build/Package.props), at its path in the default NuGet cache.
    /// </summary>
    public static string PackageFixCommand { get; } =
        $"sudo bash ~/.nuget/packages/ml.recurrent/{PackageVersion()}/tools/setup-native.sh";

    /// <summary>The package version this assembly was built as (the informational version without "+commit").</summary>
    private static string PackageVersion()
    {
        string? version = typeof(NativeLoadDiagnosis).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return version is null ? "<version>" : version.Split('+')[0];
    }

    [GeneratedRegex(@"GLIBCXX_3\.4(?:\.\d+)?")]
    private static partial Regex GlibcxxVersion();

    /// <summary>Builds the message for a failed load.</summary>
    /// <param name="loadFailure">What TorchSharp threw.</param>
    /// <param name="nativeLibraryPath">Path of libLibTorchSharp.so, if found.</param>
    /// <param name="libstdcxxPath">Path of the system's libstdc++.so.6, if found.</param>
    /// <param name="loaderMessage">The dynamic loader's own message for a direct load attempt, if any.</param>
    public static string Describe(Exception loadFailure, string? nativeLibraryPath, string? libstdcxxPath,
        string? loaderMessage)
    {
        var message = new StringBuilder("TorchSharp's native library could not be loaded. ");
        IReadOnlyList<string> missing = MissingGlibcxxVersions(nativeLibraryPath, libstdcxxPath);
        if (missing.Count > 0)
        {
            message.Append($"Cause: '{libstdcxxPath}' lacks {string.Join(", ", missing)}, which " +
                $"'{nativeLibraryPath}' needs ")
                   .Append("(libstdc++ from GCC 13 or newer). ");
        }
        else if (loaderMessage is not null && loaderMessage.Contains("GLIBCXX", StringComparison.Ordinal))
        {
            message.Append($"Cause reported by the dynamic loader: {loaderMessage} ");
        }
        else
        {
            message.Append($"TorchSharp 0.107 on Linux needs libstdc++ with {RequiredGlibcxxVersion} (GCC 13 or " +
                $"newer). ");
            if (loaderMessage is not null) message.Append($"The dynamic loader said: {loaderMessage} ");
        }

        message.Append($"Fix on Debian/Ubuntu: run '{FixCommand}' from the Ml.Recurrent repository, ")
               .Append($"or '{PackageFixCommand}' with the NuGet package (the same script), ")
               .Append("which installs libstdc++6 ")
               .Append("from Debian 13 (trixie) pinned at low priority; elsewhere install a libstdc++ that provides ")
               .Append($"{RequiredGlibcxxVersion}. Original error: {loadFailure.GetType().Name}: " +
                   $"{loadFailure.Message}");
        return message.ToString();
    }

    /// <summary>
    /// The GLIBCXX symbol versions named in <paramref name="nativeLibraryPath"/> that
    /// <paramref name="libstdcxxPath"/> does not define; empty when either file is unknown.
    /// </summary>
    public static IReadOnlyList<string> MissingGlibcxxVersions(string? nativeLibraryPath, string? libstdcxxPath)
    {
        if (nativeLibraryPath is null || libstdcxxPath is null || !File.Exists(nativeLibraryPath)
            || !File.Exists(libstdcxxPath))
            return [];
        HashSet<string> needed = GlibcxxVersionsIn(nativeLibraryPath);
        HashSet<string> provided = GlibcxxVersionsIn(libstdcxxPath);
        return needed.Where(v => !provided.Contains(v)).OrderBy(v => v, StringComparer.Ordinal).ToList();
    }

    private static HashSet<string> GlibcxxVersionsIn(string path)
    {
        // Symbol version names are plain ASCII strings in .gnu.version_r / .gnu.version_d.
        string text = Encoding.Latin1.GetString(File.ReadAllBytes(path));
        return GlibcxxVersion().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
    }
}
