namespace Ml.Recurrent.WebService;

/// <summary>One row to score: the <c>Text</c> column the saved pipeline reads.</summary>
public sealed class ModelInput
{
    /// <summary>The text to classify.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>
    /// Always empty. A pipeline that starts with <c>MapValueToKey("Label")</c> (as the README's does) needs the column
    /// to exist when scoring, although the classifier ignores it.
    /// </summary>
    public string Label { get; set; } = string.Empty;
}
