using System.Text.RegularExpressions;

namespace Ml.Recurrent.Tests.Architecture;

/// <summary>
/// Which folder of the library uses which, read from the sources: a file depends on another folder when its code
/// (comments and literals removed) names a top-level type declared there. Files in the library root are nodes of
/// their own ("/RecurrentCatalog.cs"), so that the catalog can sit on top and the public enums at the bottom.
/// </summary>
internal static partial class FolderDependencies
{
    /// <summary>Edges "from → to" with one example each ("file uses Type").</summary>
    public static IReadOnlyDictionary<(string From, string To), string> Edges()
    {
        // A type's home is the file named after it (Type.cs or Type.Part.cs): other partial declarations of it (the
        // ML.NET binding in MlNet/Registration) do not move it. A name declared in two homes is left out as ambiguous.
        IReadOnlyList<string> files = LibrarySources.CSharpFiles(LibrarySources.LibraryFolder);
        var declared = files
            .SelectMany(file => TopLevelType().Matches(LibrarySources.CodeOnly(File.ReadAllText(file)))
                .Select(m => (Name: m.Groups["name"].Value, Node: NodeOf(file), Home: Path.GetFileName(file).Split('.')[0] == m.Groups["name"].Value)))
            .GroupBy(d => d.Name, StringComparer.Ordinal)
            .Select(g => (g.Key, Nodes: (g.Any(d => d.Home) ? g.Where(d => d.Home) : g).Select(d => d.Node).Distinct().ToList()))
            .Where(g => g.Nodes.Count == 1)
            .ToDictionary(g => g.Key, g => g.Nodes[0], StringComparer.Ordinal);

        var edges = new Dictionary<(string, string), string>();
        foreach (string file in files)
        {
            string from = NodeOf(file);
            foreach (Match m in Identifier().Matches(LibrarySources.CodeOnly(File.ReadAllText(file))))
            {
                if (!declared.TryGetValue(m.Value, out string? to) || to == from) continue;
                edges.TryAdd((from, to), $"{Path.GetRelativePath(LibrarySources.LibraryFolder, file)} uses {m.Value}");
            }
        }

        return edges;
    }

    /// <summary>The node of a file: its folder, or "/name.cs" for a file in the library root.</summary>
    public static string NodeOf(string file)
    {
        string folder = LibrarySources.FolderOf(file);
        return folder.Length == 0 ? "/" + Path.GetFileName(file) : folder;
    }

    /// <summary>One cycle among the edges, as a list of nodes, or <c>null</c> when there is none.</summary>
    public static List<string>? FindCycle(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Order(StringComparer.Ordinal).ToList());
        var state = new Dictionary<string, int>();
        var path = new List<string>();
        foreach (string start in next.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start)) return path;
        }

        return null;

        bool Visit(string node)
        {
            if (state.GetValueOrDefault(node) == 2) return false;
            path.Add(node);
            if (state.GetValueOrDefault(node) == 1)
            {
                path.RemoveRange(0, path.IndexOf(node));
                return true;
            }

            state[node] = 1;
            foreach (string to in next.GetValueOrDefault(node) ?? [])
            {
                if (Visit(to)) return true;
            }

            state[node] = 2;
            path.RemoveAt(path.Count - 1);
            return false;
        }
    }

    [GeneratedRegex(@"^(?:(?:public|internal|sealed|static|abstract|partial|readonly)\s+)*(?:class|struct|enum|interface|record(?:\s+struct)?)\s+(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Identifier();
}
