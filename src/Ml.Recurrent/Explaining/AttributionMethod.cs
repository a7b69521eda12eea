namespace Ml.Recurrent;

/// <summary>How a <see cref="RecurrentExplainer"/> attributes a prediction to the tokens of a text.</summary>
public enum AttributionMethod
{
    /// <summary>
    /// Integrated gradients (Sundararajan et al. 2017) over the token embeddings, from a baseline of padding
    /// embeddings to the text. Attributions sum to the explained output of the text minus that of the baseline
    /// (completeness), up to the quadrature error of <see cref="TokenExplanationOptions.Steps"/>.
    /// </summary>
    IntegratedGradients,

    /// <summary>
    /// Occlusion, leave one token out: a token's attribution is the explained output of the text minus that of
    /// the text without the token (of a one-token text: minus that of the padding baseline).
    /// </summary>
    Occlusion,
}
