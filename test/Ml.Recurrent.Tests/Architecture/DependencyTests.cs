namespace Ml.Recurrent.Tests.Architecture;

/// <summary>Folders are layers: their dependencies run one way (docs/design.md, module map).</summary>
[TestClass]
public sealed class DependencyTests
{
    [TestMethod]
    public void LibraryFolders_HaveNoDependencyCycle()
    {
        IReadOnlyDictionary<(string From, string To), string> edges = FolderDependencies.Edges();
        Assert.IsGreaterThan(10, edges.Count, "the scan found the folders' dependencies at all");
        List<string>? cycle = FolderDependencies.FindCycle(edges.Keys);
        string Explain(List<string> c) => string.Join(Environment.NewLine,
            c.Zip(c.Skip(1)).Select(p => $"{p.First} → {p.Second}: {edges[(p.First, p.Second)]}"));
        Assert.IsNull(cycle, cycle is null ? string.Empty : "dependency cycle:" + Environment.NewLine + Explain(cycle));
    }

    [TestMethod]
    public void CycleFinder_FindsACycle_WhenOneExists()
    {
        List<string>? cycle = FolderDependencies.FindCycle([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")]);
        CollectionAssert.AreEqual(new[] { "A", "B", "C", "A" }, cycle);
        Assert.IsNull(FolderDependencies.FindCycle([("A", "B"), ("B", "C"), ("A", "C")]));
    }

    [TestMethod]
    public void LowerLayers_DoNotUseTheComponentsAboveThem()
    {
        string[] components = ["Classification", "Tokenization", "/RecurrentCatalog.cs"];
        string[] lower = ["Sequences", "Modeling", "Training", "Scoring", "Tasks", "DataView", "Persistence", "Runtime", "MlNet", "Onnx"];
        var wrong = FolderDependencies.Edges().Where(e => lower.Contains(e.Key.From) && components.Contains(e.Key.To))
            .Select(e => $"{e.Key.From} → {e.Key.To}: {e.Value}").ToList();
        Assert.IsEmpty(wrong, string.Join(Environment.NewLine, wrong));
    }

    /// <summary>The module map of docs/design.md: which folders each folder may use. Keep the two in step.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["/RecurrentCatalog.cs"] = ["Classification", "Tokenization", "Tasks", "MlNet", "Explaining"],
        ["Explaining"] = ["Classification", "Tokenization", "Modeling", "Scoring", "Sequences", "DataView", "Runtime"],
        ["Tokenization"] = ["DataView", "Persistence", "MlNet", "Onnx"],
        ["Classification"] = ["Training", "Scoring", "Tasks", "Modeling", "Sequences", "DataView", "Persistence", "Runtime", "MlNet",
            "Onnx"],
        ["Training"] = ["Tasks", "Modeling", "Sequences", "Persistence", "Runtime"],
        ["Scoring"] = ["Modeling", "Sequences", "Runtime"],
        ["Tasks"] = ["DataView", "Runtime", "MlNet"],
        ["Modeling"] = ["Sequences", "Persistence", "Runtime"],
        ["Sequences"] = [],
        ["DataView"] = ["Persistence", "MlNet"],
        ["Persistence"] = [],
        ["Runtime"] = [],
        ["MlNet"] = ["Persistence"],
        ["Onnx"] = ["MlNet"],
        ["MlNet/Registration"] = ["MlNet", "Persistence", "Classification", "Tokenization"],
    };

    [TestMethod]
    public void EveryFolder_UsesOnlyWhatTheModuleMapAllows()
    {
        var wrong = new List<string>();
        foreach (((string from, string to), string example) in FolderDependencies.Edges())
        {
            if (to.StartsWith('/') && !to.Equals("/RecurrentCatalog.cs", StringComparison.Ordinal)) continue; // public enums
            if (!Allowed.TryGetValue(from, out string[]? allowed))
                wrong.Add($"{from} is not in the module map (docs/design.md)");
            else if (!allowed.Contains(to))
                wrong.Add($"{from} → {to}: {example}");
        }

        Assert.IsEmpty(wrong, string.Join(Environment.NewLine, wrong.Distinct()));
    }
}
