using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.Tests;

/// <summary>Runs test/Ml.Recurrent.ModelProbe in a fresh process, and reads scores the same way in this one.</summary>
internal static class ModelProbe
{
    /// <summary>Loads <paramref name="modelPath"/> in a child process and returns its score lines and accuracy line.</summary>
    public static string[] ScoreInChildProcess(string modelPath, string dataPath, bool binary)
    {
        string output = Path.ChangeExtension(modelPath, ".child.txt");
        string dir = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
                 {
                     "exec", "--runtimeconfig", Path.Combine(dir, "Ml.Recurrent.Tests.runtimeconfig.json"),
                     "--depsfile", Path.Combine(dir, "Ml.Recurrent.Tests.deps.json"),
                     Path.Combine(dir, "Ml.Recurrent.ModelProbe.dll"), modelPath, dataPath, binary ? "binary" : "multiclass", output,
                 })
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the child process did not finish within 2 minutes");
        }

        Assert.AreEqual(0, process.ExitCode, $"child process failed:\n{stdout.Result}\n{stderr.Result}");
        return File.ReadAllLines(output);
    }

    /// <summary>Scores <paramref name="dataPath"/> with <paramref name="model"/> in this process, formatted like the child's lines (without accuracy).</summary>
    public static string[] ScoreHere(MLContext ml, ITransformer model, string dataPath, bool binary)
    {
        var loader = ml.Data.CreateTextLoader(
            [new TextLoader.Column("Label", binary ? DataKind.Boolean : DataKind.String, 0), new TextLoader.Column("Text", DataKind.String, 1)],
            separatorChar: '\t', hasHeader: true, allowQuoting: false);
        IDataView scored = model.Transform(loader.Load(dataPath));
        static string Hex(float v) => BitConverter.SingleToInt32Bits(v).ToString("X8", CultureInfo.InvariantCulture);
        return binary
            ? scored.GetColumn<float>("Score").Select(Hex).ToArray()
            : scored.GetColumn<float[]>("Score").Select(s => string.Join(" ", s.Select(Hex))).ToArray();
    }
}
