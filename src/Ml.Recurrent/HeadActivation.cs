namespace Ml.Recurrent;

/// <summary>The activation between the two linear layers of the classification head.</summary>
public enum HeadActivation
{
    /// <summary>No activation: the head is two stacked linear maps.</summary>
    None = 0,

    /// <summary>Rectified linear unit.</summary>
    Relu = 1,

    /// <summary>Exponential linear unit (alpha 1).</summary>
    Elu = 2,

    /// <summary>Leaky ReLU (negative slope 0.01).</summary>
    LeakyRelu = 3,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh = 4,
}
