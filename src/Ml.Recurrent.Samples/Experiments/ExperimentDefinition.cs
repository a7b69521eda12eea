namespace Ml.Recurrent.Samples.Experiments;

/// <summary>A named comparison: variants trained on the same data with otherwise identical options.</summary>
/// <param name="Name">Command-line name (e.g. <c>cells</c>).</param>
/// <param name="Title">Title for tables and charts.</param>
/// <param name="Question">What the comparison answers (the tutorial's exercise).</param>
/// <param name="Variants">The arms, in display order.</param>
/// <param name="DefaultEpochs">Epochs when the user gives none.</param>
public sealed record ExperimentDefinition(string Name, string Title, string Question,
    IReadOnlyList<ExperimentVariant> Variants, int DefaultEpochs);
