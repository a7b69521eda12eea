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
        string[] lower = ["Sequences", "Modeling", "Training", "Scoring", "Tasks", "DataView", "Persistence", "Runtime", "MlNet"];
        var wrong = FolderDependencies.Edges().Where(e => lower.Contains(e.Key.From) && components.Contains(e.Key.To))
            .Select(e => $"{e.Key.From} → {e.Key.To}: {e.Value}").ToList();
        Assert.IsEmpty(wrong, string.Join(Environment.NewLine, wrong));
    }
}
