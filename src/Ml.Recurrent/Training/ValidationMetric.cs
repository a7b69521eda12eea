namespace Ml.Recurrent;

/// <summary>Which validation figure picks the epoch whose weights are kept, and drives early stopping.</summary>
public enum ValidationMetric
{
    /// <summary>
    /// Lowest validation loss (cross-entropy), like Keras's <c>monitor="val_loss"</c>. It favours well-calibrated
    /// probabilities, and can pick an early epoch when later ones are more accurate but over-confident on the
    /// texts they get wrong.
    /// </summary>
    Loss = 0,

    /// <summary>Highest validation accuracy; ties keep the earlier epoch.</summary>
    Accuracy = 1,
}
