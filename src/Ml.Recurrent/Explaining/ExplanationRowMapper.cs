using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.DataView;

namespace Ml.Recurrent.Explaining;

/// <summary>
/// Appends the explanation columns to scored rows: reads the token key column the classifier read (so the tokens
/// are exactly the model's input) and the tokenizer's text column (to count what truncation cut). Each row is
/// explained once, when the first of its explanation columns is read.
/// </summary>
internal sealed class ExplanationRowMapper : AppendColumnsMapper
{
    private readonly RecurrentExplainer _explainer;
    private readonly DataViewSchema.Column _tokens;
    private readonly DataViewSchema.Column? _text;
    private readonly string? _targetClass;

    public ExplanationRowMapper(RecurrentExplainer explainer, DataViewSchema scoredSchema,
        TokenExplanationOptions options)
        : base(scoredSchema,
            Dependencies(explainer, scoredSchema, out DataViewSchema.Column tokens, out DataViewSchema.Column? text),
            Columns(options))
    {
        _explainer = explainer;
        _tokens = tokens;
        _text = text;
        _targetClass = options.TargetClass;
    }

    protected override Delegate?[] MakeGetters(DataViewRow input, bool[] activeAppended)
    {
        if (!activeAppended.Any(a => a)) return new Delegate?[activeAppended.Length];
        ValueGetter<VBuffer<uint>> keysGetter = input.GetGetter<VBuffer<uint>>(_tokens);
        ValueGetter<ReadOnlyMemory<char>>? textGetter =
            _text is { } text ? input.GetGetter<ReadOnlyMemory<char>>(text) : null;
        long position = -1;
        TextExplanation? current = null;
        VBuffer<uint> keys = default;
        ReadOnlyMemory<char> value = default;
        TextExplanation Current()
        {
            if (current is not null && position == input.Position) return current;
            keysGetter(ref keys);
            var list = new List<uint>(keys.Length);
            foreach (uint key in keys.DenseValues()) list.Add(key);
            string? original = null;
            if (textGetter is not null)
            {
                textGetter(ref value);
                original = value.ToString();
            }

            current = _explainer.ExplainKeys(list, _explainer.TruncatedCount(original, list.Count), _targetClass);
            position = input.Position;
            return current;
        }

        ValueGetter<VBuffer<ReadOnlyMemory<char>>> tokens = (ref VBuffer<ReadOnlyMemory<char>> result) =>
        {
            IReadOnlyList<TokenAttribution> items = Current().Tokens;
            var editor = VBufferEditor.Create(ref result, items.Count);
            for (int i = 0; i < items.Count; i++) editor.Values[i] = items[i].Token.AsMemory();
            result = editor.Commit();
        };
        ValueGetter<VBuffer<float>> attributions = (ref VBuffer<float> result) =>
        {
            IReadOnlyList<TokenAttribution> items = Current().Tokens;
            var editor = VBufferEditor.Create(ref result, items.Count);
            for (int i = 0; i < items.Count; i++) editor.Values[i] = items[i].Attribution;
            result = editor.Commit();
        };
        ValueGetter<ReadOnlyMemory<char>> explained =
            (ref ReadOnlyMemory<char> result) => result = Current().ExplainedClass.AsMemory();
        ValueGetter<int> truncated = (ref int result) => result = Current().TruncatedTokenCount;
        Delegate[] all = [tokens, attributions, explained, truncated];
        return all.Select((getter, i) => activeAppended[i] ? getter : null).ToArray();
    }

    private static List<AppendedColumn> Columns(TokenExplanationOptions options) =>
    [
        new(options.TokensColumnName, new VectorDataViewType(TextDataViewType.Instance)),
        new(options.AttributionsColumnName, new VectorDataViewType(NumberDataViewType.Single)),
        new(options.ExplainedClassColumnName, TextDataViewType.Instance),
        new(options.TruncatedColumnName, NumberDataViewType.Int32),
    ];

    private static List<DataViewSchema.Column> Dependencies(RecurrentExplainer explainer, DataViewSchema schema,
        out DataViewSchema.Column tokens, out DataViewSchema.Column? text)
    {
        string tokenName = explainer.Classifier.FeatureColumnName;
        tokens = schema.GetColumnOrNull(tokenName) ?? throw new ArgumentOutOfRangeException(nameof(schema), tokenName,
            $"The scored data has no token column '{tokenName}' to explain; a later transform must have dropped it.");
        if (tokens.Type is not VectorDataViewType { ItemType: KeyDataViewType })
        {
            throw new ArgumentOutOfRangeException(nameof(schema), tokenName,
                $"Column '{tokenName}' must be a vector of keys; got {tokens.Type}.");
        }

        text = schema.GetColumnOrNull(explainer.Tokenizer.InputColumnName);
        if (text is { Type: not TextDataViewType }) text = null;
        return text is { } t ? [tokens, t] : [tokens];
    }
}
