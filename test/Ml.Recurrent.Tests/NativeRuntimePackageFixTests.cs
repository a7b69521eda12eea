using System.Text.RegularExpressions;
using Ml.Recurrent.Runtime;

namespace Ml.Recurrent.Tests;

/// <summary>
/// Package users have no repository: the load-failure message also names the script shipped in the package.
/// </summary>
[TestClass]
public sealed partial class NativeRuntimePackageFixTests
{
    [GeneratedRegex(@"<(?<name>VersionPrefix|VersionSuffix)>(?<value>[^<]*)</")]
    private static partial Regex VersionPart();

    [TestMethod]
    public void LoadFailureMessage_NamesThePackagedSetupScript_AtThisPackageVersion()
    {
        string props = File.ReadAllText(Path.Combine(RepositoryRoot(), "build/Version.props"));
        Dictionary<string, string> parts = VersionPart().Matches(props)
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);
        string version = $"{parts["VersionPrefix"]}-{parts["VersionSuffix"]}";
        string script = $"~/.nuget/packages/ml.recurrent/{version}/tools/setup-native.sh";

        var failure = new DllNotFoundException("cannot open shared object file");
        string message = NativeLoadDiagnosis.Describe(
            failure, nativeLibraryPath: null, libstdcxxPath: null, loaderMessage: null);

        Assert.IsTrue(message.Contains(script, StringComparison.Ordinal), $"expected '{script}' in: {message}");
        Assert.IsTrue(message.Contains(NativeLoadDiagnosis.FixCommand, StringComparison.Ordinal),
            "the repository's command stays");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Recurrent.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"No Recurrent.sln above {AppContext.BaseDirectory}");
    }
}
