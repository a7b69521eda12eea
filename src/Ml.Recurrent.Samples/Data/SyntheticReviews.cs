namespace Ml.Recurrent.Samples.Data;

/// <summary>
/// A small labelled corpus this project makes itself: short movie reviews whose sentiment is decided by word order,
/// not by which words occur. Every review that mentions two opinions mentions one of each polarity, and which one
/// counts depends on the order: the clause after "but", the main clause of an "although" sentence wherever it stands,
/// the adjective a "not" reaches across a few words, and "not only ... but also", where the "not" negates nothing.
/// A bag of words sees the same words in both classes; a model that reads in order can tell them apart.
/// </summary>
/// <remarks>
/// <see cref="LabelNoise"/> of the labels are flipped on purpose (in training and test alike), as in real data, so
/// no model can be perfect: the best possible test accuracy is about 1 − <see cref="LabelNoise"/>.
/// Deterministic for a seed.
/// </remarks>
public static class SyntheticReviews
{
    /// <summary>The fraction of reviews whose label is flipped at random.</summary>
    public const double LabelNoise = 0.05;

    private static readonly string[] Subjects =
        ["the film", "the acting", "the plot", "the soundtrack", "the ending", "this movie", "the cast", "the dialogue",
            "the pacing", "the direction", "the script", "the camera work"];

    private static readonly string[] Positive =
        ["great", "wonderful", "brilliant", "moving", "superb", "charming", "delightful", "gripping", "excellent",
            "beautiful", "funny", "clever"];

    private static readonly string[] Negative =
        ["awful", "boring", "dull", "terrible", "clumsy", "predictable", "weak", "tedious", "bland", "painful", "messy",
            "forgettable"];

    private static readonly string[] Intensifiers = ["", "", "really ", "truly ", "quite ", "very ", "simply "];

    // Words between "not" and the adjective it negates, so that no word pair shows the negation.
    private static readonly string[] NegationGaps =
        ["", "at all ", "really ", "in any way ", ", as far as I could tell, ", ", despite the hype, "];

    private static readonly string[] Fillers =
        ["I saw it last week.", "We went on a Sunday.", "My friend picked it.", "It runs about two hours.",
            "The cinema was full.", "I watched it at home."];

    /// <summary>Makes <paramref name="count"/> reviews, alternating the two classes before label noise.</summary>
    public static List<(string Label, string Text)> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<(string, string)>(count);
        for (int i = 0; i < count; i++)
        {
            bool positive = i % 2 == 0;
            string text = Review(random, positive);
            bool label = random.NextDouble() < LabelNoise ? !positive : positive;
            rows.Add((label ? "positive" : "negative", text));
        }

        return rows;
    }

    private static string Review(Random random, bool positive)
    {
        string body = random.Next(6) switch
        {
            0 => Clause(random, positive),
            1 => $"{Clause(random, !positive)} but {Clause(random, positive)}",
            2 => $"although {Clause(random, !positive)}, {Clause(random, positive)}",
            3 => $"{Clause(random, positive)}, although {Clause(random, !positive)}",
            4 => NotOnly(random, positive),
            _ => $"{Clause(random, positive)} and {Clause(random, positive)}",
        };
        string sentence = char.ToUpperInvariant(body[0]) + body[1..] + (random.Next(4) == 0 ? "!" : ".");
        return random.Next(3) == 0 ? $"{Fillers[random.Next(Fillers.Length)]} {sentence}" : sentence;
    }

    /// <summary>"not only A but also B": both of the given polarity; the "not" negates nothing.</summary>
    private static string NotOnly(Random random, bool positive)
    {
        string[] bank = positive ? Positive : Negative;
        return $"{Subjects[random.Next(Subjects.Length)]} was not only {bank[random.Next(bank.Length)]} " +
               $"but also {bank[random.Next(bank.Length)]}";
    }

    /// <summary>A clause with the given polarity, a third of the time expressed through a negation.</summary>
    private static string Clause(Random random, bool positive)
    {
        string subject = Subjects[random.Next(Subjects.Length)];
        bool negated = random.Next(3) == 0;
        bool adjectivePositive = negated ? !positive : positive;
        string[] bank = adjectivePositive ? Positive : Negative;
        string adjective = bank[random.Next(bank.Length)];
        if (!negated) return $"{subject} was {Intensifiers[random.Next(Intensifiers.Length)]}{adjective}";
        string gap = NegationGaps[random.Next(NegationGaps.Length)];
        return gap.StartsWith(',') ? $"{subject} was not{gap}{adjective}" : $"{subject} was not {gap}{adjective}";
    }
}
