using System.CommandLine;
using Ml.Recurrent.Samples.Data;

namespace Ml.Recurrent.Samples.Commands;

/// <summary>The command-line options that say where the data comes from; shared by every
/// command that reads data.</summary>
internal sealed class DataOptions
{
    private readonly Option<string?> _data = new("--data")
    {
        Description =
            "Folder with train.tsv/test.tsv[/dev.tsv] (Label<TAB>Text), train.csv/test.csv, or train/<class>/*.txt + " +
            "test/<class>/*.txt (IMDB layout); or one .tsv/.csv file. Default: a generated review corpus.",
    };

    private readonly Option<string?> _test =
        new("--test") { Description = "Test file when --data is a single file. Default: every 10th row of each class " +
            "is held out." };
    private readonly Option<TextFileFormat?> _format =
        new("--format") { Description = "Tsv (split at tabs, quotes kept) or Csv (RFC 4180 quoting). Default: from " +
            "the file extension." };
    private readonly Option<string> _labelColumn =
        new("--label-column") { Description = "Label column: header name or 0-based index.",
            DefaultValueFactory = _ => "Label" };
    private readonly Option<string> _textColumn =
        new("--text-column") { Description = "Text column: header name or 0-based index.",
            DefaultValueFactory = _ => "Text" };
    private readonly Option<bool> _noHeader =
        new("--no-header") { Description = "Files have no header line (give columns by index)." };
    private readonly Option<string[]> _classes =
        new("--classes") { Description = "Class folders to read from a folder dataset (default: those present in " +
            "both train and test).", AllowMultipleArgumentsPerToken = true };
    private readonly Option<int?> _maxTrain =
        new("--max-train-rows") { Description = "Use a seeded, stratified sample of at most this many training " +
            "texts." };
    private readonly Option<int?> _maxTest =
        new("--max-test-rows") { Description = "Use a seeded, stratified sample of at most this many test texts." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _data, _test, _format, _labelColumn, _textColumn, _noHeader, _classes,
            _maxTrain, _maxTest })
            command.Options.Add(option);
    }

    /// <summary>The request the parsed options describe.</summary>
    public DatasetRequest Read(ParseResult result) => new()
    {
        Path = result.GetValue(_data),
        TestPath = result.GetValue(_test),
        Format = result.GetValue(_format),
        LabelColumn = result.GetValue(_labelColumn)!,
        TextColumn = result.GetValue(_textColumn)!,
        HasHeader = !result.GetValue(_noHeader),
        Classes = result.GetValue(_classes) ?? [],
        MaximumTrainingRows = result.GetValue(_maxTrain),
        MaximumTestRows = result.GetValue(_maxTest),
    };
}
