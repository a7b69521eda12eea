namespace Ml.Recurrent.Samples.Experiments;

/// <summary>All variants of one experiment on one dataset.</summary>
/// <param name="Definition">The experiment.</param>
/// <param name="Variants">One result per variant, in the definition's order.</param>
/// <param name="Dataset">The dataset summary line.</param>
/// <param name="Validation">What the validation curves were measured on.</param>
/// <param name="EpochsPerVariant">Epochs each variant was trained for.</param>
public sealed record ExperimentResult(ExperimentDefinition Definition, IReadOnlyList<VariantResult> Variants,
    string Dataset, string Validation, int EpochsPerVariant);
