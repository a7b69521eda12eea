namespace Ml.Recurrent;

/// <summary>How the per-token outputs of the recurrent encoder become one vector per text.</summary>
public enum SequencePooling
{
    /// <summary>The hidden state at the last real token (for a bidirectional encoder: forward state at the last token
    /// concatenated with the backward state at the first).</summary>
    Last = 0,

    /// <summary>Element-wise maximum over the real (non-padding) positions.</summary>
    Max = 1,

    /// <summary>Mean over the real (non-padding) positions.</summary>
    Mean = 2,

    /// <summary>Last, max and mean concatenated (fastai's "concat pooling"); three times as wide.</summary>
    LastMaxMean = 3,
}
