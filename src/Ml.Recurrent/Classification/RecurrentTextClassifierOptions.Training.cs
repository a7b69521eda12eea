using Microsoft.ML;

namespace Ml.Recurrent;

/// <summary>Optimisation, validation, threads and progress options.</summary>
public sealed partial class RecurrentTextClassifierOptions
{
    /// <summary>Default of <see cref="MaximumTokensPerBatch"/>: 64 rows of 1,024 tokens (or 128 of 512), so batches
    /// of the default <see cref="BatchSize"/>, recurrent window and tokenizer <c>MaximumLength</c> are not cut for up
    /// to 20 classes (a 3,000-token text then counts at most 363).</summary>
    public const int DefaultMaximumTokensPerBatch = 65_536;

    /// <summary>
    /// Token budget per training batch: a batch of long texts holds fewer rows so that
    /// <c>rows × longest length</c> (the padded batch) stays within it (at most
    /// <see cref="RecurrentTextClassifierOptions.BatchSize"/> rows). The length counted is what the recurrent part
    /// reads (at most <see cref="RecurrentTextClassifierOptions.MaximumRecurrentLength"/>), plus the bag-of-n-grams
    /// path's tokens weighted by its smaller memory per token (<c>n × outputs / 512</c>). Default
    /// <see cref="DefaultMaximumTokensPerBatch"/> (65,536), so one very long text (e.g. with a tokenizer
    /// <c>MaximumLength</c> of <c>int.MaxValue</c>) does not pad every text of its batch to its length; a text longer
    /// than the budget forms a batch of its own, so memory still grows with the longest text (docs/reliability.md,
    /// <i>Memory</i>). <c>null</c>: a fixed batch size, unbounded. At least 1.
    /// </summary>
    public int? MaximumTokensPerBatch { get; set; } = DefaultMaximumTokensPerBatch;

    /// <summary>The optimiser. Default <see cref="OptimizerKind.Adam"/>.</summary>
    public OptimizerKind Optimizer { get; set; } = OptimizerKind.Adam;

    /// <summary>The learning-rate schedule. Default <see cref="LearningRateScheduleKind.OneCycle"/>.</summary>
    public LearningRateScheduleKind LearningRateSchedule { get; set; } = LearningRateScheduleKind.OneCycle;

    /// <summary>L2 penalty (weight decay; decoupled with <see cref="OptimizerKind.AdamW"/>).
    /// Default 0; in [0, 1].</summary>
    public float WeightDecay { get; set; }

    /// <summary>Rescale gradients whose global L2 norm exceeds this. <c>null</c> turns clipping off. Default
    /// 1.0; greater than 0.</summary>
    public float? GradientClippingNorm { get; set; } = DefaultGradientClippingNorm;

    /// <summary>
    /// Data to validate on after each epoch (same columns as the training data). When set, the weights of the
    /// epoch with the best <see cref="ValidationMetric"/> are kept. Default <c>null</c>.
    /// </summary>
    public IDataView? ValidationData { get; set; }

    /// <summary>
    /// With validation data: the figure that picks the kept epoch and drives <see cref="EarlyStoppingPatience"/>.
    /// Default <see cref="Ml.Recurrent.ValidationMetric.Loss"/>. The lowest loss can come from an earlier, less
    /// accurate epoch than the last (seen on sst2, README <i>Samples</i>); accuracy may suit such data better.
    /// </summary>
    public ValidationMetric ValidationMetric { get; set; } = ValidationMetric.Loss;

    /// <summary>
    /// Fraction of the training rows to hold out (chosen with the seed) for validation when
    /// <see cref="ValidationData"/> is not given. Default 0 (none); in [0, 0.5].
    /// </summary>
    public float ValidationFraction { get; set; }

    /// <summary>
    /// Stop when the <see cref="ValidationMetric"/> has not improved for this many epochs; <c>null</c> (default)
    /// trains all epochs. Needs validation data or a validation fraction. At least 1.
    /// </summary>
    public int? EarlyStoppingPatience { get; set; }

    /// <summary>
    /// TorchSharp intra-op threads while <c>Fit</c> trains (set with <c>torch.set_num_threads</c> for the duration of
    /// the fit and restored afterwards). It does not apply to scoring: a forward pass over fewer than 16 texts (every
    /// <c>PredictionEngine.Predict</c>) runs on one thread, larger <c>Transform</c> batches use the calling thread's
    /// libtorch thread count (docs/serving.md). <c>null</c> (default): the machine's processor count. 1 to 1,024.
    /// </summary>
    public int? NumberOfThreads { get; set; }

    /// <summary>Receives a report after every batch and every epoch, for UIs (throttle drawing yourself). Called on the
    /// training thread. Default <c>null</c>.</summary>
    public IProgress<TrainingProgress>? Progress { get; set; }

    /// <summary>Cancels training between batches with <see cref="OperationCanceledException"/>. ML.NET's own
    /// cancellation (<c>MLContext.CancelExecution()</c>, internal in ML.NET 5.0.1 but used by its
    /// tooling) is honoured too.</summary>
    public CancellationToken CancellationToken { get; set; }
}
