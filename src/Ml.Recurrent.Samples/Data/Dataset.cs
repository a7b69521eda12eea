namespace Ml.Recurrent.Samples.Data;

/// <summary>A labelled corpus ready to train on: training rows, test rows, optional validation (dev) rows.</summary>
/// <param name="Train">Rows to train on.</param>
/// <param name="Test">Rows to evaluate on; never used for training or model selection.</param>
/// <param name="Validation">The dataset's own dev split, when it has one; otherwise <c>null</c>.</param>
/// <param name="Description">Where the rows came from, for output.</param>
public sealed record Dataset(List<LabelledText> Train, List<LabelledText> Test, List<LabelledText>? Validation,
    string Description)
{
    /// <summary>Whether the rows are the generated review corpus (<see cref="SyntheticReviews"/>).</summary>
    public bool IsGenerated { get; init; }

    /// <summary>The class names in ordinal order.</summary>
    public IReadOnlyList<string> Classes => [.. Train.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>A one-line summary: source, row counts and classes.</summary>
    public string Summary =>
        $"{Description}: {Train.Count} training texts, " +
        $"{(Validation is null ? string.Empty : $"{Validation.Count} dev texts, ")}{Test.Count} test texts, classes " +
        $"{string.Join(", ", Classes)}";
}
