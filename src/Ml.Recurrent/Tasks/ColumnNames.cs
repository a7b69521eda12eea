namespace Ml.Recurrent.Tasks;

/// <summary>The standard ML.NET names of the columns a classifier adds.</summary>
internal static class ColumnNames
{
    public const string Score = "Score";
    public const string Probability = "Probability";
    public const string PredictedLabel = "PredictedLabel";
}
