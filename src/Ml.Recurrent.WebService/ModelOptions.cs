namespace Ml.Recurrent.WebService;

/// <summary>
/// The <c>Model</c> configuration section (appsettings.json, environment <c>Model__Path</c>, or <c>--Model:Path</c>).
/// </summary>
public sealed class ModelOptions
{
    /// <summary>Default of <see cref="ReloadDelayMilliseconds"/>.</summary>
    public const int DefaultReloadDelayMilliseconds = 500;

    /// <summary>Default of <see cref="MaximumBatchTexts"/>.</summary>
    public const int DefaultMaximumBatchTexts = 10_000;

    /// <summary>The model zip to serve; relative paths are relative to the content root. Required.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>
    /// Quiet time after the last change to the model file before it is reloaded (a copy raises several events).
    /// Default 500; 0 to 60,000.
    /// </summary>
    public int ReloadDelayMilliseconds { get; set; } = DefaultReloadDelayMilliseconds;

    /// <summary>Most texts accepted by <c>POST /predict/batch</c>. Default 10,000; at least 1.</summary>
    public int MaximumBatchTexts { get; set; } = DefaultMaximumBatchTexts;

    /// <summary>Throws if an option is out of range, naming it and its value.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
            throw new InvalidOperationException("Configuration 'Model:Path' is required: the model zip to serve.");
        if (ReloadDelayMilliseconds is < 0 or > 60_000)
            throw new InvalidOperationException(
                $"Configuration 'Model:ReloadDelayMilliseconds' must be 0 to 60000; it is {ReloadDelayMilliseconds}.");
        if (MaximumBatchTexts < 1)
            throw new InvalidOperationException(
                $"Configuration 'Model:MaximumBatchTexts' must be at least 1; it is {MaximumBatchTexts}.");
    }
}
