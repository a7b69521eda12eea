namespace Ml.Recurrent;

/// <summary>Which output of the classifier an attribution explains, for the explained class.</summary>
public enum ExplainedOutput
{
    /// <summary>The class's probability (binary: the sigmoid of the logit, or one minus it for <c>False</c>;
    /// multiclass: its softmax).</summary>
    Probability,

    /// <summary>The class's logit (binary: the logit for <c>True</c>, its negation for <c>False</c>).</summary>
    Logit,
}
