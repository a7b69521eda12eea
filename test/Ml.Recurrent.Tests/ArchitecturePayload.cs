using Ml.Recurrent.Persistence;

namespace Ml.Recurrent.Tests;

/// <summary>An architecture written as a saved model writes it, read back, and the written bytes as text (field
/// names are UTF-8 in the payload).</summary>
internal static class ArchitecturePayload
{
    public static RecurrentArchitecture RoundTrip(RecurrentArchitecture shape)
    {
        using var writer = new PayloadWriter();
        shape.Write(writer);
        using var reader = new PayloadReader(writer.ToArray(), "test");
        return RecurrentArchitecture.Read(reader);
    }

    public static string Written(RecurrentArchitecture shape)
    {
        using var writer = new PayloadWriter();
        shape.Write(writer);
        return System.Text.Encoding.UTF8.GetString(writer.ToArray());
    }
}
