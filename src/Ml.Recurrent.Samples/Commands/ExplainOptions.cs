using System.CommandLine;

namespace Ml.Recurrent.Samples.Commands;

/// <summary>The options shared by the explanation commands: model, method, steps, explained output and class.</summary>
internal sealed class ExplainOptions
{
    private readonly Option<FileInfo> _model = new("--model")
    {
        Description = "The model zip.", DefaultValueFactory = _ => new FileInfo(Path.Combine("out", "model.zip")),
    };

    private readonly Option<AttributionMethod> _method = new("--method")
    {
        Description = "IntegratedGradients (over the embeddings, from a padding baseline) or Occlusion (leave " +
            "one token out).",
        DefaultValueFactory = _ => TokenExplanationOptions.DefaultMethod,
    };

    private readonly Option<int> _steps = new("--steps")
    {
        Description = "Integrated gradients' interpolation points.", DefaultValueFactory = _
            => TokenExplanationOptions.DefaultSteps,
    };

    private readonly Option<ExplainedOutput> _output = new("--explain")
    {
        Description = "Explain the class's Probability or its Logit.", DefaultValueFactory = _
            => TokenExplanationOptions.DefaultOutput,
    };

    private readonly Option<string?> _class = new("--class") { Description = "Class to explain (default: each " +
        "text's predicted class)." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _model, _method, _steps, _output,
            _class }) command.Options.Add(option);
    }

    /// <summary>The model file named on the command line; throws if it does not exist.</summary>
    public FileInfo Model(ParseResult result)
    {
        FileInfo model = result.GetValue(_model)!;
        if (!model.Exists)
            throw new FileNotFoundException($"Model file '{model.FullName}' does not exist; train one first " +
                $"(train --output {model.FullName}).", model.FullName);
        return model;
    }

    /// <summary>The explanation options named on the command line (validated by the explainer).</summary>
    public TokenExplanationOptions Options(ParseResult result) => new()
    {
        Method = result.GetValue(_method),
        Steps = result.GetValue(_steps),
        Output = result.GetValue(_output),
        TargetClass = result.GetValue(_class),
    };
}
