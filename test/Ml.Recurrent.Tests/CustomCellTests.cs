using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.Modeling;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ml.Recurrent.Tests;

[TestClass]
public sealed class CustomCellTests
{
    /// <summary>A user's own cell: a minimal gated unit, h' = (1 − z)·h + z·tanh(W x + U h).</summary>
    private sealed class MinimalGatedCell : RecurrentCellModule
    {
        private readonly Linear input;
        private readonly Linear recurrent;

        public MinimalGatedCell(int inputSize, int hiddenSize)
            : base(nameof(MinimalGatedCell), inputSize, hiddenSize)
        {
            input = nn.Linear(inputSize, 2 * hiddenSize);
            recurrent = nn.Linear(hiddenSize, 2 * hiddenSize);
            RegisterComponents();
        }

        public override Tensor ProjectInputs(Tensor inputs) => input.call(inputs);

        public override Tensor Step(Tensor projectedInput, Tensor state)
        {
            Tensor[] parts = (projectedInput + recurrent.call(state)).chunk(2, -1);
            Tensor gate = parts[0].sigmoid();
            return (1 - gate) * state + gate * parts[1].tanh();
        }
    }

    [TestMethod]
    public void RegisteredCustomCell_TrainsSavesAndLoads_WithIdenticalScores()
    {
        RecurrentCellRegistry.Register("test.minimal-gated", (i, h) => new MinimalGatedCell(i, h));
        var ml = new MLContext(seed: 1);
        RecurrentTextClassifierOptions options = ClassifierTests.Small(RecurrentCell.Custom);
        options.CustomCellName = "test.minimal-gated";
        IDataView train = TestCorpus.Load(ml, TestCorpus.Multiclass(300, seed: 1)), test = TestCorpus.Load(ml, TestCorpus.Multiclass(90, seed: 2));
        ITransformer model = ClassifierTests.MulticlassPipeline(ml, options).Fit(train);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
        string zip = Path.Combine(Path.GetTempPath(), $"mlr-custom-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, train.Schema, zip);
            ITransformer loaded = new MLContext(seed: 3).Model.Load(zip, out _);

            Assert.IsGreaterThanOrEqualTo(0.95, metrics.MicroAccuracy, $"accuracy {metrics.MicroAccuracy}");
            CollectionAssert.AreEqual(
                model.Transform(test).GetColumn<float[]>("Score").SelectMany(s => s).ToArray(),
                loaded.Transform(test).GetColumn<float[]>("Score").SelectMany(s => s).ToArray());
            Assert.AreEqual("test.minimal-gated", ((IEnumerable<ITransformer>)loaded).OfType<RecurrentTextClassifierTransformer>().Single().Model.Architecture.CustomCellName);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [TestMethod]
    public void CustomCell_WithoutRegistration_IsRejectedNamingTheOption()
    {
        var options = new RecurrentTextClassifierOptions { Cell = RecurrentCell.Custom, CustomCellName = "not-registered" };

        var ex = Assert.ThrowsExactly<ArgumentException>(() => new MLContext().MulticlassClassification.Trainers.RecurrentTextClassifier(options));
        Assert.AreEqual(nameof(RecurrentTextClassifierOptions.CustomCellName), ex.ParamName);
        StringAssert.Contains(ex.Message, "'not-registered'");
    }

    [TestMethod]
    public void CustomCellFactory_ReturningWrongSizes_IsRejected()
    {
        RecurrentCellRegistry.Register("test.wrong-size", (i, h) => new MinimalGatedCell(i, h + 1));
        var ml = new MLContext(seed: 1);
        RecurrentTextClassifierOptions options = ClassifierTests.Small(RecurrentCell.Custom, epochs: 1);
        options.CustomCellName = "test.wrong-size";

        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => ClassifierTests.MulticlassPipeline(ml, options).Fit(TestCorpus.Load(ml, TestCorpus.Multiclass(30, seed: 1))));
        StringAssert.Contains(ex.Message, "test.wrong-size");
    }
}
