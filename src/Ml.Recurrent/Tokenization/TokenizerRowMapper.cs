using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.DataView;
using Ml.Recurrent.MlNet;

namespace Ml.Recurrent.Tokenization;

/// <summary>Appends the token-key column computed from the text column, one row at a time.</summary>
internal sealed class TokenizerRowMapper : AppendColumnsMapper
{
    private readonly RecurrentTokenizerTransformer _parent;
    private readonly DataViewSchema.Column _input;

    public TokenizerRowMapper(RecurrentTokenizerTransformer parent, DataViewSchema inputSchema,
        DataViewSchema.Column input)
        : base(inputSchema, [input], [parent.OutputColumn()])
    {
        _parent = parent;
        _input = input;
    }

    public override void SaveAsOnnx(OnnxGraph graph) => TokenizerOnnxExporter.Save(graph, _parent, _input.Name);

    protected override Delegate?[] MakeGetters(DataViewRow input, bool[] activeAppended)
    {
        if (!activeAppended[0]) return [null];
        ValueGetter<ReadOnlyMemory<char>> text = input.GetGetter<ReadOnlyMemory<char>>(_input);
        ReadOnlyMemory<char> value = default;
        var keys = new List<uint>();
        ValueGetter<VBuffer<uint>> getter = (ref VBuffer<uint> destination) =>
        {
            text(ref value);
            keys.Clear();
            _parent.Encoder.Encode(value.Span, _parent.MaximumLength, keys);
            var editor = VBufferEditor.Create(ref destination, keys.Count);
            for (int i = 0; i < keys.Count; i++) editor.Values[i] = keys[i];
            destination = editor.Commit();
        };
        return [getter];
    }
}
