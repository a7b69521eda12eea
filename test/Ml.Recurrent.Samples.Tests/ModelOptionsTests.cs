using System.CommandLine;
using Ml.Recurrent.Samples.Commands;
using Ml.Recurrent.Samples.Training;

namespace Ml.Recurrent.Samples.Tests;

[TestClass]
public sealed class ModelOptionsTests
{
    [TestMethod]
    [DataRow("", ValidationMetric.Loss, "lowest validation loss")]
    [DataRow("--validation-metric Accuracy", ValidationMetric.Accuracy, "highest validation accuracy")]
    public void ValidationMetricOption_ReachesTheClassifierOptions_AndTheValidationSentence(string arguments, ValidationMetric expected, string sentence)
    {
        var model = new ModelOptions();
        var command = new Command("train");
        model.AddTo(command);

        ParseResult result = command.Parse(arguments);
        RecurrentTextClassifierOptions options = model.Classifier(result);

        Assert.IsEmpty(result.Errors, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.AreEqual(expected, options.ValidationMetric);
        StringAssert.Contains(TrainingJob.Describe(ValidationSource.Fraction, Tiny.Dataset(), metric: options.ValidationMetric), sentence);
    }
}
