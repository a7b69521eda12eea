using System.Globalization;

namespace Ml.Recurrent.Benchmarks;

/// <summary>Minimal "--name value" / "--flag" arguments.</summary>
internal sealed class BenchArgs
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public BenchArgs(IEnumerable<string> args)
    {
        string? key = null;
        foreach (string arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (key is not null) _values[key] = null;
                key = arg[2..];
            }
            else if (key is not null)
            {
                _values[key] = arg;
                key = null;
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{arg}'.");
            }
        }

        if (key is not null) _values[key] = null;
    }

    public string Text(string name, string fallback) => _values.TryGetValue(name, out string? v) && v is not null ? v : fallback;

    public int Int(string name, int fallback) => _values.TryGetValue(name, out string? v) && v is not null ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => _values.ContainsKey(name);

    public IEnumerable<string> Forward(params string[] names) =>
        names.Where(_values.ContainsKey).SelectMany(n => _values[n] is { } v ? new[] { "--" + n, v } : new[] { "--" + n });
}
