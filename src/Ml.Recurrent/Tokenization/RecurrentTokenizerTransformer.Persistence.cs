using Ml.Recurrent.Persistence;
using Ml.Recurrent.Tokenization;

namespace Ml.Recurrent;

/// <summary>Saving and loading in the standard ML.NET model zip.</summary>
/// <remarks>
/// Saved payload (format version 2), after ML.NET's header, in a checksummed block (see ModelFormat):
/// <code>
/// string input column, string output column
/// int32 Pretrained, bool LowerCase, bool CapitalizationMarkers, int32 MaximumLength
/// int32 term count n (0 for a pretrained tokenizer), then n × string term
/// int32 word rule (2: WordRule.CodePoints)
/// </code>
/// Format version 1 (until issue 13) ended after the terms and split words with WordRule.BasicPlaneOnly, which its
/// models keep: they load and tokenize exactly as before.
/// ML.NET's save and load calls reach this file through MlNet/Registration (ModelSaving.cs, ModelLoaders.cs).
/// </remarks>
public sealed partial class RecurrentTokenizerTransformer
{
    internal const string LoaderSignature = "MlRecurrentTokenizer";
    internal static readonly ModelFormat Format = new("MLRTOKEN", LoaderSignature, Version: 2, OldestReadable: 1);

    /// <summary>The entry's payload, as <c>Save</c> writes it (MlNet/Registration/ModelSaving.cs).</summary>
    internal byte[] ToEntry()
    {
        using var writer = new PayloadWriter();
        writer.Write(InputColumnName, "input column name", StoredLimits.ColumnNameBytes);
        writer.Write(OutputColumnName, "output column name", StoredLimits.ColumnNameBytes);
        writer.WriteEnum(_options.Pretrained);
        writer.Write(_options.LowerCase);
        writer.Write(_options.CapitalizationMarkers);
        writer.Write(_options.MaximumLength);
        IReadOnlyList<string> terms = Vocabulary;
        writer.Write(terms.Count);
        for (int i = 0; i < terms.Count; i++) writer.Write(terms[i], $"vocabulary term #{i}", StoredLimits.TermBytes);
        writer.WriteEnum(_options.WordRule);
        return writer.ToArray();
    }

    /// <summary>Rebuilds a transformer from the payload that <c>Save</c> wrote.</summary>
    internal static RecurrentTokenizerTransformer Read(uint version, byte[] payload)
    {
        using var reader = new PayloadReader(payload, LoaderSignature);
        string input = reader.ReadString("input column", StoredLimits.ColumnNameBytes);
        string output = reader.ReadString("output column", StoredLimits.ColumnNameBytes);
        var options = new RecurrentTokenizerOptions
        {
            Pretrained = reader.ReadEnum<PretrainedTokenizer>("pretrained tokenizer"),
            LowerCase = reader.ReadBoolean("lower case"),
            CapitalizationMarkers = reader.ReadBoolean("capitalization markers"),
            MaximumLength = reader.ReadInt32("maximum length", 1, int.MaxValue),
        };
        int count = reader.ReadInt32("term count", 0, StoredLimits.TokenizerTerms);
        var terms = new List<string>(Math.Min(count, 1 << 20));
        for (int i = 0; i < count; i++) terms.Add(reader.ReadString("term", StoredLimits.TermBytes));
        options.WordRule = version == 1 ? WordRule.BasicPlaneOnly : reader.ReadEnum<WordRule>("word rule");
        reader.EnsureEnd();
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"The model entry '{LoaderSignature}' holds invalid options: {ex.Message}",
                ex);
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
                throw new InvalidDataException($"The model entry '{LoaderSignature}' holds an invalid vocabulary: " +
                    $"{ex.Message}", ex);
            }
        }

        return new RecurrentTokenizerTransformer(input, output, options, vocabulary);
    }
}
