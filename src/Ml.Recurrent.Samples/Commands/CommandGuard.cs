using Ml.Recurrent.Samples.Data;

namespace Ml.Recurrent.Samples.Commands;

/// <summary>Turns the errors a user can cause (missing files, bad data, bad option values) into one line on
/// stderr and exit code 2.</summary>
internal static class CommandGuard
{
    /// <summary>Exit code for a usage or data error.</summary>
    public const int UsageError = 2;

    /// <summary>Runs <paramref name="action"/>, reporting expected errors without a stack trace.</summary>
    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException
                                      or ArgumentException or HttpRequestException)
        {
            // Messages may quote a file's bytes (a header line, a path): never send its control characters raw.
            Console.Error.WriteLine($"error: {TerminalText.Escape(e.Message)}");
            return UsageError;
        }
    }
}
