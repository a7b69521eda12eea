namespace Ml.Recurrent;

/// <summary>The optimiser that updates the weights.</summary>
public enum OptimizerKind
{
    /// <summary>Adam; <see cref="RecurrentTextClassifierOptions.WeightDecay"/> is added to the
    /// gradient as classic L2.</summary>
    Adam = 0,

    /// <summary>AdamW: Adam with decoupled weight decay.</summary>
    AdamW = 1,

    /// <summary>Stochastic gradient descent with momentum 0.9; weight decay as L2.</summary>
    Sgd = 2,
}
