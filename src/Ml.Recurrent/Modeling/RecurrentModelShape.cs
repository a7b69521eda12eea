namespace Ml.Recurrent.Modeling;

/// <summary>
/// Everything that decides the module structure and its parameter shapes. Saved with the model; a loaded
/// model rebuilds its module from this and then loads the weights.
/// </summary>
internal sealed record RecurrentModelShape(
    int KeyCount,
    int EmbeddingSize,
    RecurrentCell Cell,
    RnnActivation RnnActivation,
    int HiddenSize,
    int NumberOfLayers,
    bool Bidirectional,
    SequencePooling Pooling,
    int HeadHiddenSize,
    HeadActivation HeadActivation,
    float EmbeddingDropout,
    float Dropout,
    int OutputSize,
    string? CustomCellName = null)
{
    /// <summary>Embedding rows: padding (row 0), one per key (rows 1..KeyCount), and one for a missing key (row KeyCount + 1).</summary>
    public int EmbeddingRows => KeyCount + 2;

    /// <summary>The embedding row that stands for ML.NET's missing key (key value 0).</summary>
    public long MissingKeyRow => KeyCount + 1;

    /// <summary>Width of the encoder's output at each position.</summary>
    public int EncoderOutputSize => HiddenSize * (Bidirectional ? 2 : 1);

    /// <summary>Width of the pooled vector that the head reads.</summary>
    public int PooledSize => EncoderOutputSize * (Pooling == SequencePooling.LastMaxMean ? 3 : 1);
}
