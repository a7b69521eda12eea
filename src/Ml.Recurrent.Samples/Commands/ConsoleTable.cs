using Spectre.Console;

namespace Ml.Recurrent.Samples.Commands;

/// <summary>Prints a table: a Spectre.Console table on an interactive terminal, a Markdown table when
/// output is redirected.</summary>
internal static class ConsoleTable
{
    /// <summary>Writes <paramref name="rows"/> under <paramref name="headers"/>; numeric-looking
    /// columns are right-aligned.</summary>
    public static void Write(IReadOnlyList<string> headers, IEnumerable<string[]> rows, string? title = null)
    {
        string[][] all = [.. rows];
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            if (title is not null) Console.WriteLine(title);
            Console.WriteLine("| " + string.Join(" | ", headers) + " |");
            Console.WriteLine("|" + string.Join("|", headers.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
            foreach (string[] row in all) Console.WriteLine("| " + string.Join(" | ", row) + " |");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null) table.Title(Markup.Escape(title));
        for (int i = 0; i < headers.Count; i++)
        {
            var column = new TableColumn(Markup.Escape(headers[i]));
            if (i > 0) column.RightAligned();
            table.AddColumn(column);
        }

        foreach (string[] row in all) table.AddRow([.. row.Select(Markup.Escape)]);
        AnsiConsole.Write(table);
    }
}
