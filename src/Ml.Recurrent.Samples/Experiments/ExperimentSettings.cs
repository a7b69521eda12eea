using Ml.Recurrent.Samples.Training;

namespace Ml.Recurrent.Samples.Experiments;

/// <summary>What every variant of an experiment shares.</summary>
public sealed record ExperimentSettings
{
    /// <summary>Makes the base classifier options that each variant changes. Default: the library defaults with
    /// seed 1, without the bag-of-n-grams path (<see cref="RecurrentOnly"/>).</summary>
    public Func<RecurrentTextClassifierOptions> Classifier { get; init; } = () =>
        RecurrentOnly(new RecurrentTextClassifierOptions { Seed = 1 });

    /// <summary>Makes the base tokenizer options. Default: the library defaults.</summary>
    public Func<RecurrentTokenizerOptions> Tokenizer { get; init; } = () => new RecurrentTokenizerOptions();

    /// <summary>Epochs per variant; <c>null</c>: the experiment's default.</summary>
    public int? Epochs { get; init; }

    /// <summary>Where the validation curves come from.</summary>
    public ValidationSource Validation { get; init; } = ValidationSource.Auto;

    /// <summary>
    /// Before the timed runs, fit the first variant once on a few hundred rows for one epoch and discard it, so
    /// that one-time start-up (native library, JIT, kernel selection) is not billed to the
    /// first variant. Default <c>true</c>.
    /// </summary>
    public bool WarmUp { get; init; } = true;

    /// <summary>The tutorial's exercises compare recurrent networks, which the linear bag-of-n-grams path beside them
    /// would blur: experiments turn it off.</summary>
    public static RecurrentTextClassifierOptions RecurrentOnly(RecurrentTextClassifierOptions options)
    {
        options.BagOfNgramsLength = 0;
        return options;
    }

    /// <summary>Share held out when validating on a fraction of the training rows.</summary>
    public float ValidationFraction { get; init; } = TrainingJob.DefaultValidationFraction;
}
