using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Ml.Recurrent.DataView;
using Ml.Recurrent.Persistence;
using Ml.Recurrent.Tokenization;

namespace Ml.Recurrent;

/// <summary>
/// Turns a text column into a variable-length vector of keys (key values = vocabulary terms), truncated to
/// <see cref="MaximumLength"/>. Saved in the standard ML.NET model zip with its vocabulary.
/// </summary>
/// <remarks>
/// Saved payload (format version 1), after ML.NET's header:
/// <code>
/// string input column, string output column
/// int32 Pretrained, bool LowerCase, bool CapitalizationMarkers, int32 MaximumLength
/// int32 term count n (0 for a pretrained tokenizer), then n × string term
/// </code>
/// </remarks>
public sealed class RecurrentTokenizerTransformer : ITransformer, ICanSaveModel
{
    internal const string LoaderSignature = "MlRecurrentTokenizer";
    internal static readonly ModelFormat Format = new("MLRTOKEN", LoaderSignature, Version: 1, OldestReadable: 1);

    private readonly IHost _host;
    private readonly RecurrentTokenizerOptions _options;
    private readonly Vocabulary? _vocabulary;

    internal RecurrentTokenizerTransformer(IHostEnvironment environment, string inputColumnName, string outputColumnName, RecurrentTokenizerOptions options, Vocabulary? vocabulary)
    {
        _host = environment.Register(nameof(RecurrentTokenizerTransformer));
        InputColumnName = inputColumnName;
        OutputColumnName = outputColumnName;
        _options = options.Clone();
        _vocabulary = vocabulary;
        Encoder = options.Pretrained switch
        {
            PretrainedTokenizer.None => new WordTokenEncoder(vocabulary ?? throw new ArgumentNullException(nameof(vocabulary)), options.LowerCase, options.CapitalizationMarkers),
            PretrainedTokenizer.Cl100kBase => new TiktokenTokenEncoder(),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Pretrained, "Unknown pretrained tokenizer."),
        };
    }

    /// <summary>The text column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The key-vector column produced.</summary>
    public string OutputColumnName { get; }

    /// <summary>Tokens kept per text.</summary>
    public int MaximumLength => _options.MaximumLength;

    /// <summary>Number of distinct keys (the key count of the output column), including reserved tokens.</summary>
    public int VocabularySize => Encoder.KeyCount;

    /// <summary>The learned vocabulary; term <c>i</c> has key <c>i + 1</c>. Empty for a pretrained tokenizer.</summary>
    public IReadOnlyList<string> Vocabulary => _vocabulary?.Terms ?? [];

    /// <summary>Which tokenizer is used.</summary>
    public PretrainedTokenizer Pretrained => _options.Pretrained;

    /// <summary>Always <c>true</c>: the transformer maps row by row, so a <c>PredictionEngine</c> can use it.</summary>
    public bool IsRowToRowMapper => true;

    internal ITokenEncoder Encoder { get; }

    /// <summary>The keys of <paramref name="text"/>, as the transformer would produce them.</summary>
    /// <param name="text">Any text; empty gives an empty array.</param>
    public uint[] Encode(string? text)
    {
        var keys = new List<uint>();
        Encoder.Encode((text ?? string.Empty).AsSpan(), MaximumLength, keys);
        return [.. keys];
    }

    /// <summary>Output schema for <paramref name="inputSchema"/>; throws if the text column is missing or not text.</summary>
    /// <param name="inputSchema">Schema of the data to transform.</param>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => MakeMapper(inputSchema).OutputSchema;

    /// <summary>Adds the token column to <paramref name="input"/> (lazily, row by row).</summary>
    /// <param name="input">Data with the text column.</param>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new RowMappedDataView(input, MakeMapper(input.Schema));
    }

    /// <summary>A row-to-row mapper over <paramref name="inputSchema"/>, used by <c>PredictionEngine</c>.</summary>
    /// <param name="inputSchema">Schema of the rows to map.</param>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => MakeMapper(inputSchema);

    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        using var writer = new PayloadWriter();
        writer.Write(InputColumnName, "input column name");
        writer.Write(OutputColumnName, "output column name");
        writer.WriteEnum(_options.Pretrained);
        writer.Write(_options.LowerCase);
        writer.Write(_options.CapitalizationMarkers);
        writer.Write(_options.MaximumLength);
        IReadOnlyList<string> terms = Vocabulary;
        writer.Write(terms.Count);
        for (int i = 0; i < terms.Count; i++) writer.Write(terms[i], $"vocabulary term #{i}");
        MlNetInternals.Save(ctx, Format, writer.ToArray(), new Dictionary<string, byte[]>());
    }

    // Called by ML.NET's ComponentCatalog through the LoadableClass registration.
    private static RecurrentTokenizerTransformer Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        (_, byte[] payload) = MlNetInternals.Load(ctx, Format);
        using var reader = new PayloadReader(payload, LoaderSignature);
        string input = reader.ReadString("input column", 4096);
        string output = reader.ReadString("output column", 4096);
        var options = new RecurrentTokenizerOptions
        {
            Pretrained = reader.ReadEnum<PretrainedTokenizer>("pretrained tokenizer"),
            LowerCase = reader.ReadBoolean("lower case"),
            CapitalizationMarkers = reader.ReadBoolean("capitalization markers"),
            MaximumLength = reader.ReadInt32("maximum length", 1, int.MaxValue),
        };
        int count = reader.ReadInt32("term count", 0, 50_000_000);
        var terms = new List<string>(Math.Min(count, 1 << 20));
        for (int i = 0; i < count; i++) terms.Add(reader.ReadString("term", 1 << 16));
        reader.EnsureEnd();
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"The model entry '{LoaderSignature}' holds invalid options: {ex.Message}", ex);
        }

        Vocabulary? vocabulary = null;
        if (options.Pretrained == PretrainedTokenizer.None)
        {
            try
            {
                vocabulary = new Vocabulary(terms);
            }
            catch (FormatException ex)
            {
                throw new InvalidDataException($"The model entry '{LoaderSignature}' holds an invalid vocabulary: {ex.Message}", ex);
            }
        }

        return new RecurrentTokenizerTransformer(env, input, output, options, vocabulary);
    }

    internal AppendedColumn OutputColumn()
    {
        int keyCount = Encoder.KeyCount;
        var annotations = new DataViewSchema.Annotations.Builder();
        annotations.AddKeyValues(keyCount, TextDataViewType.Instance, (ref VBuffer<ReadOnlyMemory<char>> value) =>
        {
            var editor = VBufferEditor.Create(ref value, keyCount);
            for (int i = 0; i < keyCount; i++) editor.Values[i] = Encoder.TermOf((uint)i + 1).AsMemory();
            value = editor.Commit();
        });
        return new AppendedColumn(OutputColumnName, new VectorDataViewType(new KeyDataViewType(typeof(uint), keyCount)), annotations.ToAnnotations());
    }

    internal static DataViewSchema.Column CheckInput(DataViewSchema schema, string inputColumnName)
    {
        DataViewSchema.Column column = schema.GetColumnOrNull(inputColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(schema), inputColumnName, $"Input column '{inputColumnName}' was not found; the tokenizer needs a text column of that name.");
        if (column.Type is not TextDataViewType)
            throw new ArgumentOutOfRangeException(nameof(schema), inputColumnName, $"Column '{inputColumnName}' must be text (String); got {column.Type}.");
        return column;
    }

    private TokenizerRowMapper MakeMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new TokenizerRowMapper(this, inputSchema, CheckInput(inputSchema, InputColumnName));
    }
}
