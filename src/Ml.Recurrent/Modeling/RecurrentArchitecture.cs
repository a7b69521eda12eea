using Ml.Recurrent.Modeling;
using Ml.Recurrent.Persistence;
using Ml.Recurrent.Sequences;

namespace Ml.Recurrent;

/// <summary>
/// Everything that decides a trained model's structure and parameter shapes: the one description of a model's
/// architecture. Options are turned into it once, before training; a saved model stores it and a loaded model
/// rebuilds its module from it. Its ranges (<see cref="Limits"/>) are the ones option validation and model loading
/// both apply. Obtained from <see cref="RecurrentTextClassifierModelParameters.Architecture"/>.
/// </summary>
public sealed record RecurrentArchitecture
{
    /// <summary>Key count of the token column (the vocabulary size); it sizes the embedding.</summary>
    public required int KeyCount { get; init; }

    /// <summary>Width of each token's embedding vector.</summary>
    public required int EmbeddingSize { get; init; }

    /// <summary>The recurrent cell.</summary>
    public required RecurrentCell Cell { get; init; }

    /// <summary>The registered name of a <see cref="RecurrentCell.Custom"/> cell; otherwise <c>null</c>.</summary>
    public string? CustomCellName { get; init; }

    /// <summary>Non-linearity of an Elman cell.</summary>
    public required RnnActivation RnnActivation { get; init; }

    /// <summary>Width of the recurrent state per direction.</summary>
    public required int HiddenSize { get; init; }

    /// <summary>Stacked recurrent layers.</summary>
    public required int NumberOfLayers { get; init; }

    /// <summary>Whether the encoder reads both directions.</summary>
    public required bool Bidirectional { get; init; }

    /// <summary>Pooling over positions.</summary>
    public required SequencePooling Pooling { get; init; }

    /// <summary>Width of the head's hidden layer (0: none).</summary>
    public required int HeadHiddenSize { get; init; }

    /// <summary>Activation in the head.</summary>
    public required HeadActivation HeadActivation { get; init; }

    /// <summary>Dropout on embeddings (used in training only).</summary>
    public required float EmbeddingDropout { get; init; }

    /// <summary>Dropout between layers and before the head (used in training only).</summary>
    public required float Dropout { get; init; }

    /// <summary>Logits per text: 1 for binary, the class count for multiclass.</summary>
    public required int OutputSize { get; init; }

    /// <summary>Longest n-gram of the bag-of-n-grams linear path whose logits are added to the head's (0: no such
    /// path, the layout of models saved before it existed).</summary>
    public int BagOfNgramsLength { get; init; }

    /// <summary>Hashed weight rows of that path's bigrams and trigrams (0 when <see cref="BagOfNgramsLength"/> is
    /// below 2).</summary>
    public int BagOfNgramsBuckets { get; init; }

    /// <summary>How the path weighs an n-gram occurrence (<see cref="BagOfNgramsWeighting.Count"/> when there is no
    /// path, and in models saved before the weighting existed).</summary>
    public BagOfNgramsWeighting BagOfNgramsWeighting { get; init; }

    /// <summary>Most tokens of a text the recurrent part reads, its head and tail (see
    /// <see cref="RecurrentTextClassifierOptions.MaximumRecurrentLength"/>); 0 reads every token, the behaviour of
    /// models saved before the window existed.</summary>
    public int MaximumRecurrentLength { get; init; }

    /// <summary>Embedding rows: padding (row 0), one per key (rows 1..KeyCount), and one for a missing key (row
    /// KeyCount + 1).</summary>
    internal int EmbeddingRows => TokenRows.Count(KeyCount);

    /// <summary>The embedding row that stands for ML.NET's missing key (key value 0).</summary>
    internal long MissingKeyRow => TokenRows.Missing(KeyCount);

    /// <summary>Width of the encoder's output at each position.</summary>
    internal int EncoderOutputSize => HiddenSize * (Bidirectional ? 2 : 1);

    /// <summary>Width of the pooled vector that the head reads.</summary>
    internal int PooledSize => SequencePooler.PooledSize(Pooling, EncoderOutputSize);

    /// <summary>
    /// What one text padded to <paramref name="length"/> tokens costs against a batch's token budget: the tokens the
    /// recurrent part reads (at most <see cref="MaximumRecurrentLength"/>), plus, with the bag-of-n-grams path, every
    /// token weighted by <c>n × outputs / 512</c>, the path's memory per token (n-gram rows of <c>outputs</c> floats,
    /// with their gradients) relative to the recurrent part's (a few hundred floats per token at the default
    /// sizes). So a long document does not shrink its batch for the sake of tokens the recurrent part never reads.
    /// </summary>
    internal long TokenCost(int length)
    {
        long read = MaximumRecurrentLength > 0 ? Math.Min(length, MaximumRecurrentLength) : length;
        return BagOfNgramsLength == 0 ? read
            : read + (long)Math.Ceiling((double)length * BagOfNgramsLength * OutputSize / BagTokenCostDivisor);
    }

    /// <summary>See <see cref="TokenCost"/>.</summary>
    private const double BagTokenCostDivisor = 512;

    /// <summary>A one-line description for logs.</summary>
    public override string ToString() =>
        $"{(Bidirectional ? "bidirectional " : string.Empty)}{Cell} ({NumberOfLayers} layer(s), " +
        $"embedding {EmbeddingSize}, " +
        $"hidden {HiddenSize}, pooling {Pooling}, {KeyCount} keys, {OutputSize} output(s)" +
        (MaximumRecurrentLength > 0 ? $", reads at most {MaximumRecurrentLength} tokens" : string.Empty) +
        (BagOfNgramsLength > 0
            ? $", bag of 1..{BagOfNgramsLength}-grams, {BagOfNgramsBuckets} buckets, {BagOfNgramsWeighting})"
            : ")");

    /// <summary>
    /// Checks every value against <see cref="Limits"/>; throws an <see cref="ArgumentException"/> whose parameter name
    /// is the property (and option) name and whose message echoes the value.
    /// </summary>
    internal void Validate()
    {
        Limits.Check(KeyCount, 1, Limits.MaximumKeyCount, nameof(KeyCount));
        Limits.Check(EmbeddingSize, 1, Limits.MaximumWidth, nameof(EmbeddingSize));
        Limits.CheckDefined(Cell, nameof(Cell));
        Limits.CheckDefined(RnnActivation, nameof(RnnActivation));
        Limits.Check(HiddenSize, 1, Limits.MaximumWidth, nameof(HiddenSize));
        Limits.Check(NumberOfLayers, 1, Limits.MaximumLayers, nameof(NumberOfLayers));
        Limits.CheckDefined(Pooling, nameof(Pooling));
        Limits.Check(HeadHiddenSize, 0, Limits.MaximumWidth, nameof(HeadHiddenSize));
        Limits.CheckDefined(HeadActivation, nameof(HeadActivation));
        Limits.CheckProbability(EmbeddingDropout, nameof(EmbeddingDropout));
        Limits.CheckProbability(Dropout, nameof(Dropout));
        Limits.Check(OutputSize, 1, Limits.MaximumOutputs, nameof(OutputSize));
        Limits.Check(BagOfNgramsLength, 0, Limits.MaximumNgramLength, nameof(BagOfNgramsLength));
        Limits.Check(BagOfNgramsBuckets, BagOfNgramsLength >= 2 ? 1 : 0,
            BagOfNgramsLength >= 2 ? Limits.MaximumBuckets : 0, nameof(BagOfNgramsBuckets));
        Limits.CheckDefined(BagOfNgramsWeighting, nameof(BagOfNgramsWeighting));
        if (BagOfNgramsLength == 0 && BagOfNgramsWeighting != BagOfNgramsWeighting.Count)
            throw new ArgumentException($"{nameof(BagOfNgramsWeighting)} = {BagOfNgramsWeighting} needs the " +
                $"bag-of-n-grams path; got {nameof(BagOfNgramsLength)} = 0.", nameof(BagOfNgramsWeighting));
        Limits.Check(MaximumRecurrentLength, 0, int.MaxValue, nameof(MaximumRecurrentLength));
        if (Cell == RecurrentCell.Custom && !RecurrentCellRegistry.IsValidName(CustomCellName))
            throw new ArgumentException(
                $"{nameof(Cell)} = {RecurrentCell.Custom} needs a valid {nameof(CustomCellName)}; " +
                $"got {(CustomCellName is null ? "null" : $"'{CustomCellName}'")}.", nameof(CustomCellName));
        if (Cell != RecurrentCell.Custom && CustomCellName is not null)
            throw new ArgumentException(
                $"{nameof(CustomCellName)} is only used with {nameof(Cell)} = {RecurrentCell.Custom}; " +
                $"got '{CustomCellName}' with {nameof(Cell)} = {Cell}.", nameof(CustomCellName));
    }

    /// <summary>
    /// Writes the architecture as named fields (format version 2): int32 count, then per field its name, a type tag
    /// and the value (see <see cref="ArchitectureFields"/>). A field added later is one more line here and in
    /// <see cref="Read"/>, with the value older models imply; no format version change is needed.
    /// </summary>
    internal void Write(PayloadWriter w)
    {
        var fields = new ArchitectureFields.Writer(w);
        fields.Write(nameof(KeyCount), KeyCount);
        fields.Write(nameof(EmbeddingSize), EmbeddingSize);
        fields.Write(nameof(Cell), (int)Cell);
        fields.Write(nameof(CustomCellName), CustomCellName ?? string.Empty);
        fields.Write(nameof(RnnActivation), (int)RnnActivation);
        fields.Write(nameof(HiddenSize), HiddenSize);
        fields.Write(nameof(NumberOfLayers), NumberOfLayers);
        fields.Write(nameof(Bidirectional), Bidirectional);
        fields.Write(nameof(Pooling), (int)Pooling);
        fields.Write(nameof(HeadHiddenSize), HeadHiddenSize);
        fields.Write(nameof(HeadActivation), (int)HeadActivation);
        fields.Write(nameof(EmbeddingDropout), EmbeddingDropout);
        fields.Write(nameof(Dropout), Dropout);
        fields.Write(nameof(OutputSize), OutputSize);
        // Written only when the path exists, so a model without it saves exactly as before the path existed.
        if (BagOfNgramsLength > 0)
        {
            fields.Write(nameof(BagOfNgramsLength), BagOfNgramsLength);
            fields.Write(nameof(BagOfNgramsBuckets), BagOfNgramsBuckets);
            // Written only when not counts, so that such models save exactly as before the weighting existed (and
            // older versions, which cannot apply the weights, refuse a model that needs them).
            if (BagOfNgramsWeighting != BagOfNgramsWeighting.Count)
                fields.Write(nameof(BagOfNgramsWeighting), (int)BagOfNgramsWeighting);
        }

        if (MaximumRecurrentLength > 0) fields.Write(nameof(MaximumRecurrentLength), MaximumRecurrentLength);

        fields.Finish();
    }

    /// <summary>Reads what <see cref="Write"/> wrote, within <see cref="Limits"/>; refuses unknown fields.</summary>
    internal static RecurrentArchitecture Read(PayloadReader r)
    {
        var f = ArchitectureFields.Read(r);
        var read = new RecurrentArchitecture
        {
            KeyCount = f.Int32(nameof(KeyCount), 1, Limits.MaximumKeyCount),
            EmbeddingSize = f.Int32(nameof(EmbeddingSize), 1, Limits.MaximumWidth),
            Cell = f.Enum<RecurrentCell>(nameof(Cell)),
            CustomCellName = NullIfEmpty(f.Text(nameof(CustomCellName), RecurrentCellRegistry.MaximumNameLength)),
            RnnActivation = f.Enum<RnnActivation>(nameof(RnnActivation)),
            HiddenSize = f.Int32(nameof(HiddenSize), 1, Limits.MaximumWidth),
            NumberOfLayers = f.Int32(nameof(NumberOfLayers), 1, Limits.MaximumLayers),
            Bidirectional = f.Boolean(nameof(Bidirectional)),
            Pooling = f.Enum<SequencePooling>(nameof(Pooling)),
            HeadHiddenSize = f.Int32(nameof(HeadHiddenSize), 0, Limits.MaximumWidth),
            HeadActivation = f.Enum<HeadActivation>(nameof(HeadActivation)),
            EmbeddingDropout = f.Single(nameof(EmbeddingDropout), 0, Limits.MaximumDropout),
            Dropout = f.Single(nameof(Dropout), 0, Limits.MaximumDropout),
            OutputSize = f.Int32(nameof(OutputSize), 1, Limits.MaximumOutputs),
            BagOfNgramsLength = f.Int32(nameof(BagOfNgramsLength), 0, Limits.MaximumNgramLength, absent: 0),
            BagOfNgramsBuckets = f.Int32(nameof(BagOfNgramsBuckets), 0, Limits.MaximumBuckets, absent: 0),
            BagOfNgramsWeighting = f.Enum<BagOfNgramsWeighting>(nameof(BagOfNgramsWeighting),
                absent: BagOfNgramsWeighting.Count),
            MaximumRecurrentLength = f.Int32(nameof(MaximumRecurrentLength), 0, int.MaxValue, absent: 0),
        };
        f.EnsureAllRead();
        return Checked(read, r.Entry);
    }

    /// <summary>Reads the positional layout of format version 1 (models saved before named fields).</summary>
    internal static RecurrentArchitecture ReadVersion1(PayloadReader r) => Checked(new RecurrentArchitecture
    {
        KeyCount = r.ReadInt32("key count", 1, Limits.MaximumKeyCount),
        EmbeddingSize = r.ReadInt32("embedding size", 1, Limits.MaximumWidth),
        Cell = r.ReadEnum<RecurrentCell>("cell"),
        RnnActivation = r.ReadEnum<RnnActivation>("RNN activation"),
        HiddenSize = r.ReadInt32("hidden size", 1, Limits.MaximumWidth),
        NumberOfLayers = r.ReadInt32("number of layers", 1, Limits.MaximumLayers),
        Bidirectional = r.ReadBoolean("bidirectional"),
        Pooling = r.ReadEnum<SequencePooling>("pooling"),
        HeadHiddenSize = r.ReadInt32("head hidden size", 0, Limits.MaximumWidth),
        HeadActivation = r.ReadEnum<HeadActivation>("head activation"),
        EmbeddingDropout = r.ReadSingle("embedding dropout", 0, Limits.MaximumDropout),
        Dropout = r.ReadSingle("dropout", 0, Limits.MaximumDropout),
        OutputSize = r.ReadInt32("output size", 1, Limits.MaximumOutputs),
        CustomCellName = NullIfEmpty(r.ReadString("custom cell name", RecurrentCellRegistry.MaximumNameLength)),
    }, r.Entry);

    private static string? NullIfEmpty(string name) => name.Length > 0 ? name : null;

    private static RecurrentArchitecture Checked(RecurrentArchitecture read, string entry)
    {
        try
        {
            read.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException(
                $"The model entry '{entry}' describes an invalid architecture: {ex.Message}", ex);
        }

        return read;
    }

    /// <summary>The ranges of the architecture's values, declared once for option validation and model
    /// loading.</summary>
    public static class Limits
    {
        /// <summary>Largest key count (vocabulary size) of the token column.</summary>
        public const int MaximumKeyCount = 10_000_000;

        /// <summary>Largest embedding, hidden and head width.</summary>
        public const int MaximumWidth = 4096;

        /// <summary>Most stacked recurrent layers.</summary>
        public const int MaximumLayers = 8;

        /// <summary>Most logits (classes).</summary>
        public const int MaximumOutputs = 1_000_000;

        /// <summary>Longest n-gram of the bag-of-n-grams path.</summary>
        public const int MaximumNgramLength = 3;

        /// <summary>Most hashed rows of the bag-of-n-grams path (2^24).</summary>
        public const int MaximumBuckets = 1 << 24;

        /// <summary>Largest dropout probability that a float below 1 can hold.</summary>
        internal const float MaximumDropout = 0.999999f;

        internal static void Check(int value, int min, int max, string name)
        {
            if (value < min || value > max) throw OutOfRange(name, value, $"must be in [{min}, {max}]");
        }

        internal static void CheckProbability(float value, string name)
        {
            if (!(value >= 0 && value < 1)) throw OutOfRange(name, value, "must be in [0, 1)");
        }

        internal static void CheckDefined<TEnum>(TEnum value, string name)
            where TEnum : struct, Enum
        {
            if (!Enum.IsDefined(value))
                throw new ArgumentOutOfRangeException(name, value,
                    $"{name} must be one of {string.Join(", ", Enum.GetNames<TEnum>())}; got {value}.");
        }

        internal static ArgumentOutOfRangeException OutOfRange(string name, object value, string rule) =>
            new(name, value, $"{name} {rule}; got {value}.");
    }
}
