using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Ml.Recurrent.Tests;

/// <summary>
/// The README's minimal example compiles and runs as written: its csharp block (and PACKAGE.md's) must be
/// identical to test/Ml.Recurrent.ReadmeExample/Program.cs, which this suite builds and runs on tiny TSV files.
/// </summary>
[TestClass]
public sealed partial class ReadmeExampleTests
{
    private static readonly string Root = FindRepositoryRoot();

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"<(?<name>VersionPrefix|VersionSuffix)>(?<value>[^<]*)</")]
    private static partial Regex VersionPart();

    [TestMethod]
    [DataRow("README.md")]
    [DataRow("src/Ml.Recurrent/PACKAGE.md")]
    public void MinimalExampleBlock_IsTheCompiledExampleProgram(string document)
    {
        string example = Normalise(File.ReadAllText(Path.Combine(Root, "test/Ml.Recurrent.ReadmeExample/Program.cs")));

        string block = Normalise(ExampleBlock(Path.Combine(Root, document)));

        Assert.AreEqual(example, block,
            $"{document}'s csharp block under '## Minimal example' differs from "
            + "test/Ml.Recurrent.ReadmeExample/Program.cs");
    }

    [TestMethod]
    [DataRow("README.md")]
    [DataRow("src/Ml.Recurrent/PACKAGE.md")]
    public void InstallCommand_NamesThePackageVersion(string document)
    {
        string props = File.ReadAllText(Path.Combine(Root, "build/Version.props"));
        Dictionary<string, string> parts = VersionPart().Matches(props)
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);
        string version = $"{parts["VersionPrefix"]}-{parts["VersionSuffix"]}";

        string command = $"dotnet add package Ml.Recurrent --version {version}";
        Assert.IsTrue(File.ReadAllText(Path.Combine(Root, document)).Contains(command, StringComparison.Ordinal),
            $"{document} must show '{command}' (the version in build/Version.props)");
    }

    [TestMethod]
    public void MinimalExample_TrainsEvaluatesSavesAndReloads_OnTinyTsvFiles()
    {
        string dir = Directory.CreateTempSubdirectory("mlr-readme").FullName;
        try
        {
            WriteReviews(Path.Combine(dir, "train.tsv"), count: 120, seed: 1);
            WriteReviews(Path.Combine(dir, "test.tsv"), count: 30, seed: 2);

            string[] lines = RunExample(dir);

            Assert.IsTrue(File.Exists(Path.Combine(dir, "model.zip")), "the example saves model.zip");
            string accuracy = lines.Single(l => l.StartsWith("Test accuracy: ", StringComparison.Ordinal));
            double value = double.Parse(accuracy["Test accuracy: ".Length..], CultureInfo.InvariantCulture);
            Assert.IsTrue(value >= 0.9, $"cue words decide the class, so the example must learn them: {accuracy}");
            Assert.AreEqual("Predicted: positive", lines[^1], "'a warm and funny film' holds two positive cue words");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The first csharp block after the "## Minimal example" heading.</summary>
    private static string ExampleBlock(string path)
    {
        string text = File.ReadAllText(path).ReplaceLineEndings("\n");
        int section = text.IndexOf("\n## Minimal example\n", StringComparison.Ordinal);
        Assert.IsTrue(section >= 0, $"{path} has no '## Minimal example' section");
        Match block = CSharpBlock().Match(text, section);
        Assert.IsTrue(block.Success, $"{path} has no csharp block under '## Minimal example'");
        return block.Groups["code"].Value;
    }

    private static string Normalise(string code) => code.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";

    /// <summary>Label, then 3-8 words: filler plus two cue words of the class.</summary>
    private static void WriteReviews(string path, int count, int seed)
    {
        string[] filler = ["the", "a", "film", "story", "was", "and", "it", "this", "plot", "cast"];
        string[] positive = ["warm", "funny", "moving", "great", "charming", "clever"];
        string[] negative = ["dull", "boring", "awful", "weak", "tedious", "bland"];
        var random = new Random(seed);
        var lines = new List<string> { "Label\tText" };
        for (int i = 0; i < count; i++)
        {
            bool good = i % 2 == 0;
            string[] cues = good ? positive : negative;
            var words = Enumerable.Range(0, random.Next(3, 9)).Select(_ => filler[random.Next(filler.Length)]).ToList();
            for (int c = 0; c < 2; c++) words.Insert(random.Next(words.Count + 1), cues[random.Next(cues.Length)]);
            lines.Add($"{(good ? "positive" : "negative")}\t{string.Join(' ', words)}");
        }

        File.WriteAllLines(path, lines);
    }

    /// <summary>Runs the compiled example with <paramref name="workingDirectory"/> as its current folder.</summary>
    private static string[] RunExample(string workingDirectory)
    {
        string bin = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
                 {
                     "exec", "--runtimeconfig", Path.Combine(bin, "Ml.Recurrent.Tests.runtimeconfig.json"),
                     "--depsfile", Path.Combine(bin, "Ml.Recurrent.Tests.deps.json"),
                     Path.Combine(bin, "Ml.Recurrent.ReadmeExample.dll"),
                 })
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the README example did not finish within 2 minutes");
        }

        Assert.AreEqual(0, process.ExitCode, $"the README example failed:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Recurrent.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"No Recurrent.sln above {AppContext.BaseDirectory}");
    }
}
