namespace Ml.Recurrent.WebService;

/// <summary>
/// The columns a multiclass pipeline ending with <c>MapKeyToValue("PredictedLabel")</c> adds (as the README and the
/// samples train it): class probabilities in class order, and the predicted class name.
/// </summary>
public sealed class ModelOutput
{
    /// <summary>Probability of each class, in the order of the model's class names.</summary>
    public float[] Score { get; set; } = [];

    /// <summary>The most probable class.</summary>
    public string PredictedLabel { get; set; } = string.Empty;
}
