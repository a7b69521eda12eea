using Microsoft.ML;

namespace Ml.Recurrent.Tests;

/// <summary>
/// Saved models are a promise: the zips under Golden/ were written by earlier versions of Ml.Recurrent (the folder
/// name is the format version that wrote them; test/Ml.Recurrent.GoldenMaker made them) and must keep loading with
/// the scores recorded when they were written, within the reload bound (<see cref="ReloadBound"/>: they were written by
/// another process, possibly on another machine). Never regenerate an old set; a format change that has to refuse
/// one must do so with a clear message, documented in docs/design.md, and this test must say so explicitly.
/// </summary>
[TestClass]
public sealed class GoldenModelTests
{
    public static IEnumerable<object[]> Models() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Golden"), "*.zip", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(zip => new object[] { Path.GetRelativePath(AppContext.BaseDirectory, zip) });

    [TestMethod]
    public void GoldenSets_CoverBothTasksAndBothTokenizers()
    {
        string[] names = Models().Select(m => Path.GetFileName((string)m[0])).ToArray();
        Assert.IsGreaterThanOrEqualTo(4, names.Length, string.Join(", ", names));
        Assert.IsTrue(names.Any(n => n.StartsWith("binary-", StringComparison.Ordinal)), string.Join(", ", names));
        Assert.IsTrue(names.Any(n => n.StartsWith("multiclass-", StringComparison.Ordinal)), string.Join(", ", names));
        Assert.IsTrue(names.Any(n => n.Contains("cl100k", StringComparison.Ordinal)), string.Join(", ", names));
    }

    [TestMethod]
    [DynamicData(nameof(Models))]
    public void GoldenModel_LoadsWithTodaysCode_AndScoresAsWhenSaved(string relativeZip)
    {
        string zip = Path.Combine(AppContext.BaseDirectory, relativeZip);
        string folder = Path.GetDirectoryName(zip)!;
        bool binary = Path.GetFileName(zip).StartsWith("binary-", StringComparison.Ordinal);
        string[] expected = File.ReadAllLines(Path.ChangeExtension(zip, null) + ".scores.txt");

        var ml = new MLContext(seed: 3);
        ITransformer model = ml.Model.Load(zip, out _);
        try
        {
            string[] actual = ModelProbe.ScoreHere(ml, model, Path.Combine(folder, "texts.tsv"), binary);
            ReloadBound.AssertWithin(expected, actual, relativeZip);
        }
        finally
        {
            RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf(model);
        }
    }
}
