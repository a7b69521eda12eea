using System.CommandLine;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.Samples.Commands;

/// <summary><c>export-onnx</c>: converts a saved model zip to ONNX with ML.NET's stock <c>ConvertToOnnx</c>.</summary>
internal static class ExportOnnxCommand
{
    private sealed class Row
    {
        [LoadColumn(0)]
        public string Label { get; set; } = string.Empty;

        [LoadColumn(1)]
        public string Text { get; set; } = string.Empty;
    }

    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "The model zip (train).", DefaultValueFactory = _
            => new FileInfo(Path.Combine("out", "model.zip")) };
        var data = new Option<FileInfo>("--data") { Description = "A Label<TAB>Text file with a header line (gives " +
            "the input schema).", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "The ONNX file to " +
            "write.", DefaultValueFactory = _ => new FileInfo(Path.Combine("out", "model.onnx")) };
        var command = new Command("export-onnx",
            "Export a saved model to ONNX (raw text in, Score and PredictedLabel out).") { model, data, output };
        command.SetAction(result => CommandGuard.Run(() => Run(result.GetValue(model)!, result.GetValue(data)!,
            result.GetValue(output)!)));
        return command;
    }

    private static int Run(FileInfo model, FileInfo data, FileInfo output)
    {
        if (!model.Exists) throw new FileNotFoundException($"Model file '{model.FullName}' does not exist; train " +
            $"one first.", model.FullName);
        if (!data.Exists) throw new FileNotFoundException($"Data file '{data.FullName}' does not exist.",
            data.FullName);
        var ml = new MLContext(seed: 1);
        IDataView rows = ml.Data.LoadFromTextFile<Row>(data.FullName, '\t', hasHeader: true, allowQuoting: false);
        ITransformer transformer = ml.Model.Load(model.FullName, out _);
        output.Directory?.Create();
        using (FileStream stream = File.Create(output.FullName))
            ml.Model.ConvertToOnnx(transformer, rows, stream);
        Console.WriteLine($"Wrote {output.FullName} ({new FileInfo(output.FullName).Length / 1024.0:F0} KiB).");
        return 0;
    }
}
