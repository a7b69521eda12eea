namespace Ml.Recurrent.Samples.Data;

/// <summary>Where to read a dataset from and how; every field has a default that reads
/// ../shared/data-style folders.</summary>
public sealed record DatasetRequest
{
    /// <summary>
    /// A folder (<c>train.tsv</c>/<c>test.tsv</c>[/<c>dev.tsv</c>], <c>train.csv</c>/<c>test.csv</c>, or
    /// <c>train/&lt;class&gt;/*.txt</c> with <c>test/&lt;class&gt;/*.txt</c>) or one TSV/CSV file. <c>null</c>: the
    /// generated review corpus.
    /// </summary>
    public string? Path { get; init; }

    /// <summary>A separate test file when <see cref="Path"/> is a file; otherwise a share of it is held out.</summary>
    public string? TestPath { get; init; }

    /// <summary>File format; <c>null</c> guesses from the extension (<c>.csv</c> is CSV, anything else TSV).</summary>
    public TextFileFormat? Format { get; init; }

    /// <summary>Label column: header name or 0-based index.</summary>
    public string LabelColumn { get; init; } = "Label";

    /// <summary>Text column: header name or 0-based index.</summary>
    public string TextColumn { get; init; } = "Text";

    /// <summary>Whether files start with a header line.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>Class folders to read from a folder dataset; empty: those in both splits.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    /// <summary>Share of a single file held out as the test split (stratified, every k-th row of each
    /// class). In (0, 0.5].</summary>
    public double TestFraction { get; init; } = 0.1;

    /// <summary>Keep at most this many training rows (a seeded stratified sample); <c>null</c>: all.</summary>
    public int? MaximumTrainingRows { get; init; }

    /// <summary>Keep at most this many test rows (a seeded stratified sample); <c>null</c>: all.</summary>
    public int? MaximumTestRows { get; init; }

    /// <summary>Training and test sizes of the generated corpus.</summary>
    public (int Train, int Test) SyntheticSize { get; init; } = (3000, 600);

    /// <summary>Seed for sampling.</summary>
    public int Seed { get; init; } = 1;
}
