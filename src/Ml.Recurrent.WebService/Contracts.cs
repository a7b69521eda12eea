namespace Ml.Recurrent.WebService;

/// <summary>Body of <c>POST /predict</c>.</summary>
/// <param name="Text">The text to classify.</param>
public sealed record PredictRequest(string? Text);

/// <summary>Body of <c>POST /predict/batch</c>.</summary>
/// <param name="Texts">The texts to classify.</param>
public sealed record BatchPredictRequest(IReadOnlyList<string?>? Texts);

/// <summary>A prediction: the label and each class's probability.</summary>
/// <param name="Label">The most probable class.</param>
/// <param name="Probabilities">Class name → probability.</param>
public sealed record PredictResponse(string Label, IReadOnlyDictionary<string, float> Probabilities);

/// <summary>Body of <c>GET /health</c>.</summary>
/// <param name="Status"><c>"ok"</c>.</param>
/// <param name="ModelPath">The model file served.</param>
/// <param name="ModelVersion">1 for the model loaded at start-up, +1 per successful reload.</param>
/// <param name="LoadedAtUtc">When the served model was loaded.</param>
/// <param name="FailedReloads">Reloads that failed (the previous model stayed in service).</param>
public sealed record HealthResponse(
    string Status, string ModelPath, int ModelVersion, DateTime LoadedAtUtc, int FailedReloads);
