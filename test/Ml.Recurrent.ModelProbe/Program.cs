// Usage: Ml.Recurrent.ModelProbe <model.zip> <data.tsv> <binary|multiclass> <output.txt>
// Loads the model with MLContext.Model.Load, scores the TSV (header Label<TAB>Text), evaluates, and writes
// one line per row with the exact bits of every score, then a line with the accuracy.
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

if (args.Length != 4)
{
    Console.Error.WriteLine("usage: <model.zip> <data.tsv> <binary|multiclass> <output.txt>");
    return 2;
}

string modelPath = args[0], dataPath = args[1], output = args[3];
bool binary = args[2] == "binary";
var ml = new MLContext(seed: 0);
ITransformer model = ml.Model.Load(modelPath, out _);
var loader = ml.Data.CreateTextLoader(
    [new TextLoader.Column("Label", binary ? DataKind.Boolean : DataKind.String, 0), new TextLoader.Column("Text", DataKind.String, 1)],
    separatorChar: '\t', hasHeader: true, allowQuoting: false);
IDataView scored = model.Transform(loader.Load(dataPath));

var lines = new List<string>();
DataViewSchema.Column score = scored.Schema["Score"];
using (DataViewRowCursor cursor = scored.GetRowCursor([score]))
{
    if (binary)
    {
        ValueGetter<float> get = cursor.GetGetter<float>(score);
        float value = 0;
        while (cursor.MoveNext())
        {
            get(ref value);
            lines.Add(BitConverter.SingleToInt32Bits(value).ToString("X8", CultureInfo.InvariantCulture));
        }
    }
    else
    {
        ValueGetter<VBuffer<float>> get = cursor.GetGetter<VBuffer<float>>(score);
        VBuffer<float> value = default;
        while (cursor.MoveNext())
        {
            get(ref value);
            lines.Add(string.Join(" ", value.DenseValues().Select(v => BitConverter.SingleToInt32Bits(v).ToString("X8", CultureInfo.InvariantCulture))));
        }
    }
}

double accuracy = binary
    ? ml.BinaryClassification.Evaluate(scored).Accuracy
    : ml.MulticlassClassification.Evaluate(scored).MicroAccuracy;
lines.Add("accuracy " + accuracy.ToString("R", CultureInfo.InvariantCulture));
File.WriteAllLines(output, lines);
return 0;
