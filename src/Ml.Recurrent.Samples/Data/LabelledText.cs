namespace Ml.Recurrent.Samples.Data;

/// <summary>One labelled text, the input row of every sample pipeline.</summary>
public sealed class LabelledText
{
    /// <summary>The class name.</summary>
    public string Label { get; set; } = string.Empty;

    /// <summary>The document.</summary>
    public string Text { get; set; } = string.Empty;
}
