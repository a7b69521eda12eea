using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ml.Recurrent.WebService.Tests;

/// <summary>The real web application (its Program, routing, JSON and hosted services) on a model file in a fresh folder.</summary>
internal sealed class ServiceFactory : WebApplicationFactory<Program>
{
    public ServiceFactory(int seed = 1)
    {
        Folder = Directory.CreateTempSubdirectory("ml-recurrent-web-").FullName;
        ModelPath = Path.Combine(Folder, "model.zip");
        TinyModels.TrainAndSave(ModelPath, seed);
    }

    public string Folder { get; }

    public string ModelPath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Model:Path", ModelPath);
        builder.UseSetting("Model:ReloadDelayMilliseconds", "200");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
