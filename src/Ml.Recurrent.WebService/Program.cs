// A web service for a saved Ml.Recurrent model (docs/serving.md):
//   dotnet run --project src/Ml.Recurrent.WebService -c Release --
//     --Model:Path=/path/to/model.zip --urls http://127.0.0.1:5000
// POST /predict {"text": "..."}; POST /predict/batch {"texts": ["...", "..."]}; GET /health.
// GET /debug/memory[?trim=true] (only with --Diagnostics:MemoryEndpoint=true): RSS, managed heap, tensors, malloc.
// The model file is reloaded when it changes; requests keep being served by the old model until the new one is in.
using Microsoft.Extensions.Options;
using Ml.Recurrent.WebService;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<ModelOptions>(builder.Configuration.GetSection("Model"));
builder.Services.AddSingleton(services =>
{
    ModelOptions options = services.GetRequiredService<IOptions<ModelOptions>>().Value;
    options.Validate();
    string path = Path.GetFullPath(options.Path, builder.Environment.ContentRootPath);
    return new ModelHost(path, services.GetRequiredService<ILogger<ModelHost>>());
});
builder.Services.AddHostedService<ModelFileWatcher>();

WebApplication app = builder.Build();
app.Services.GetRequiredService<ModelHost>(); // load at start-up, not on the first request
int maximumBatch = app.Services.GetRequiredService<IOptions<ModelOptions>>().Value.MaximumBatchTexts;

app.MapPost("/predict", (PredictRequest request, ModelHost host) =>
{
    if (request.Text is null) return Results.BadRequest(new { error = "The body needs a \"text\" string." });
    using ModelHost.Lease lease = host.Acquire();
    return Results.Ok(lease.Model.Predict(request.Text));
});

app.MapPost("/predict/batch", (BatchPredictRequest request, ModelHost host) =>
{
    if (request.Texts is null || request.Texts.Any(t => t is null))
        return Results.BadRequest(new { error = "The body needs a \"texts\" array of strings." });
    if (request.Texts.Count > maximumBatch)
    {
        string error = $"At most {maximumBatch} texts per request (Model:MaximumBatchTexts); "
                       + $"got {request.Texts.Count}.";
        return Results.BadRequest(new { error });
    }

    using ModelHost.Lease lease = host.Acquire();
    return Results.Ok(lease.Model.PredictBatch(request.Texts!.Select(t => t!).ToList()));
});

app.MapGet("/health", (ModelHost host) =>
{
    ServedModel model = host.Current;
    return Results.Ok(new HealthResponse(
        "ok", host.Path, model.Version, model.LoadedAtUtc, host.FailedReloads, GcStatus.Now()));
});

if (app.Configuration.GetValue<bool>("Diagnostics:MemoryEndpoint"))
    app.MapGet("/debug/memory", (bool? trim) => Results.Ok(MemoryReport.Take(trim == true)));

app.Run();

/// <summary>The web application's entry point (public so that integration tests can start it).</summary>
public partial class Program;
