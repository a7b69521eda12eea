using System.IO.Compression;
using Microsoft.ML;

namespace Ml.Recurrent.Tests.Reliability;

/// <summary>
/// Seeded mutations of a model zip: byte flips, truncations and insertions, either in the zip file itself or inside
/// one entry (re-zipped, so that the damage reaches the entry's content past the zip reader). Each mutant is loaded
/// with <c>mlContext.Model.Load</c> and, if it loads, scored; the outcome is tallied. Shared by the CI test and the
/// longer run of the reliability benchmark (this file is linked into bench/Ml.Recurrent.Reliability.Bench).
/// </summary>
internal sealed class ModelFuzzer
{
    /// <summary>The outcome that must never happen: a damaged model that loads and predicts something else.</summary>
    public const string DifferentPredictions = "loaded, DIFFERENT predictions";

    public const string SamePredictions = "loaded, identical predictions";

    /// <summary>An entry-list mutant that is, entry for entry, equivalent to the other model it drew from.</summary>
    public const string OtherModelsPredictions = "loaded, the other model's predictions";

    private readonly byte[] _zip;
    private readonly List<KeyValuePair<string, byte[]>> _entries;

    public ModelFuzzer(byte[] zip)
    {
        _zip = zip;
        using var archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
        _entries = archive.Entries.Select(e =>
        {
            using Stream stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return new KeyValuePair<string, byte[]>(e.FullName, copy.ToArray());
        }).ToList();
    }

    /// <summary>
    /// Runs <paramref name="count"/> mutations from <paramref name="seed"/>. <paramref name="predict"/> scores a loaded
    /// model; <paramref name="expected"/> is what the undamaged model gives. Returns outcome → count, and the
    /// descriptions of mutants whose predictions differed. <paramref name="onOutcome"/>, if given, sees every
    /// mutant's number, description and outcome.
    /// </summary>
    public (SortedDictionary<string, int> Outcomes, List<string> Different) Run(MLContext ml, Func<ITransformer, string[]> predict, string[] expected, int count, int seed,
        Action<int, string, string>? onOutcome = null)
    {
        var random = new Random(seed);
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var different = new List<string>();
        for (int i = 0; i < count; i++)
        {
            (byte[] mutant, string description) = Mutate(random);
            string outcome = Try(ml, mutant, predict, expected);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            if (outcome == DifferentPredictions) different.Add($"#{i}: {description}");
            onOutcome?.Invoke(i, description, outcome);
        }

        return (outcomes, different);
    }

    /// <summary>One mutant and a description of the damage.</summary>
    public (byte[] Zip, string Description) Mutate(Random random)
    {
        if (random.Next(2) == 0)
        {
            byte[] damaged = Damage(_zip, random, out string what);
            return (damaged, $"zip: {what}");
        }

        int index = random.Next(_entries.Count);
        var entries = new List<KeyValuePair<string, byte[]>>(_entries);
        byte[] content = Damage(entries[index].Value, random, out string how);
        entries[index] = new(entries[index].Key, content);
        return (Zip(entries), $"entry {entries[index].Key}: {how}");
    }

    /// <summary>
    /// Runs <paramref name="count"/> mutations of the zip's entry list from <paramref name="seed"/>, drawing entries
    /// from <paramref name="others"/> (saved models of the same shape, other seed or data): swap one entry for the other
    /// model's, mix many, duplicate one (ours or theirs), drop one, reorder all. A mutant must throw, predict like the
    /// original, or (when it took entries from another model) predict exactly like that model; anything else is
    /// <see cref="DifferentPredictions"/>.
    /// </summary>
    public (SortedDictionary<string, int> Outcomes, List<string> Different) RunEntryListMutations(MLContext ml,
        Func<ITransformer, string[]> predict, string[] expected, IReadOnlyList<(byte[] Zip, string[] Predictions)> others,
        int count, int seed)
    {
        var random = new Random(seed);
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var different = new List<string>();
        List<List<KeyValuePair<string, byte[]>>> otherEntries = others.Select(o => new ModelFuzzer(o.Zip)._entries).ToList();
        for (int i = 0; i < count; i++)
        {
            int from = random.Next(others.Count);
            (byte[] mutant, string description) = MutateEntryList(random, otherEntries[from]);
            string outcome = Try(ml, mutant, predict, expected, others[from].Predictions);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            if (outcome == DifferentPredictions) different.Add($"#{i} (other model {from}): {description}");
        }

        return (outcomes, different);
    }

    private (byte[] Zip, string Description) MutateEntryList(Random random, List<KeyValuePair<string, byte[]>> other)
    {
        var entries = new List<KeyValuePair<string, byte[]>>(_entries);
        byte[]? TheirsOf(string name) => other.FirstOrDefault(e => e.Key == name).Value;
        int index = random.Next(entries.Count);
        string name = entries[index].Key;
        string description;
        switch (random.Next(5))
        {
            case 0:
                entries[index] = new(name, TheirsOf(name) ?? []);
                description = $"swapped {name} for the other model's";
                break;
            case 1:
                int swapped = 0;
                for (int e = 0; e < entries.Count; e++)
                {
                    if (random.Next(2) == 0 || TheirsOf(entries[e].Key) is not { } theirs) continue;
                    entries[e] = new(entries[e].Key, theirs);
                    swapped++;
                }

                description = $"took {swapped} of {entries.Count} entries from the other model";
                break;
            case 2:
                bool fromOther = random.Next(2) == 0;
                byte[] copy = fromOther ? TheirsOf(name) ?? entries[index].Value : entries[index].Value;
                int at = random.Next(entries.Count + 1);
                entries.Insert(at, new(name, copy));
                description = $"duplicated {name} ({(fromOther ? "the other model's" : "ours")}) at position {at}";
                break;
            case 3:
                entries.RemoveAt(index);
                description = $"dropped {name}";
                break;
            default:
                random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(entries));
                description = "reordered: " + string.Join(", ", entries.Select(e => e.Key));
                break;
        }

        return (Zip(entries), description);
    }

    private static string Try(MLContext ml, byte[] mutant, Func<ITransformer, string[]> predict, string[] expected,
        string[]? otherExpected = null)
    {
        ITransformer model;
        try
        {
            model = ml.Model.Load(new MemoryStream(mutant, writable: false), out _);
        }
        catch (Exception ex)
        {
            return $"load threw {Innermost(ex)}";
        }

        try
        {
            string[] predicted = predict(model);
            if (predicted.SequenceEqual(expected)) return SamePredictions;
            return otherExpected is not null && predicted.SequenceEqual(otherExpected)
                ? OtherModelsPredictions
                : DifferentPredictions;
        }
        catch (Exception ex)
        {
            return $"loaded, scoring threw {Innermost(ex)}";
        }
        finally
        {
            RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf(model);
        }
    }

    // ML.NET wraps loader exceptions (TargetInvocationException, "Error during class instantiation"): the innermost names the cause.
    private static string Innermost(Exception ex)
    {
        while (ex.InnerException is not null) ex = ex.InnerException;
        return ex.GetType().Name;
    }

    private static byte[] Damage(byte[] bytes, Random random, out string what)
    {
        int kind = bytes.Length == 0 ? 2 : random.Next(3);
        switch (kind)
        {
            case 0:
                byte[] flipped = (byte[])bytes.Clone();
                int flips = 1 + random.Next(4);
                for (int i = 0; i < flips; i++) flipped[random.Next(flipped.Length)] ^= (byte)(1 + random.Next(255));
                what = $"{flips} byte(s) flipped";
                return flipped;
            case 1:
                int keep = random.Next(bytes.Length);
                what = $"truncated to {keep} of {bytes.Length} bytes";
                return bytes[..keep];
            default:
                int at = random.Next(bytes.Length + 1);
                byte[] inserted = new byte[1 + random.Next(16)];
                random.NextBytes(inserted);
                what = $"{inserted.Length} byte(s) inserted at {at}";
                return [.. bytes.AsSpan(0, at), .. inserted, .. bytes.AsSpan(at)];
        }
    }

    private static byte[] Zip(List<KeyValuePair<string, byte[]>> entries)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, byte[] content) in entries)
            {
                using Stream stream = archive.CreateEntry(name).Open();
                stream.Write(content);
            }
        }

        return output.ToArray();
    }
}
