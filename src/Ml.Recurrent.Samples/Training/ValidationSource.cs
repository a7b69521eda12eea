namespace Ml.Recurrent.Samples.Training;

/// <summary>What the per-epoch validation curves are measured on.</summary>
public enum ValidationSource
{
    /// <summary>The dataset's dev split when it has one, otherwise <see cref="Fraction"/>.</summary>
    Auto = 0,

    /// <summary>The dataset's dev split (an error when it has none).</summary>
    Dev = 1,

    /// <summary>10% of the training rows, held out by the trainer (<c>ValidationFraction = 0.1</c>).</summary>
    Fraction = 2,

    /// <summary>No validation: training curves only; every model keeps its last epoch.</summary>
    None = 3,
}
