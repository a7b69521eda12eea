namespace Ml.Recurrent;

/// <summary>How the learning rate changes during training.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>
    /// One-cycle (Smith 2018, as in fastai's <c>fit_one_cycle</c>): cosine warm-up from LR/25 to LR over the
    /// first 25% of the steps, then cosine annealing to LR/25,000.
    /// </summary>
    OneCycle = 0,

    /// <summary>The same learning rate for every step.</summary>
    Constant = 1,
}
