namespace Ml.Recurrent.Samples.Data;

/// <summary>
/// A small labelled corpus this project makes itself: short movie reviews whose sentiment depends on word
/// order, negation and contrast ("the plot was not dull but the ending was painful" is negative), so a
/// recurrent model has something to learn that a bag of words gets wrong. Deterministic for a seed.
/// </summary>
public static class SyntheticReviews
{
    private static readonly string[] Subjects =
        ["the film", "the acting", "the plot", "the soundtrack", "the ending", "this movie", "the cast", "the dialogue",
            "the pacing", "the direction", "the script", "the camera work"];

    private static readonly string[] Positive =
        ["great", "wonderful", "brilliant", "moving", "superb", "charming", "delightful", "gripping", "excellent",
            "beautiful", "funny", "clever"];

    private static readonly string[] Negative =
        ["awful", "boring", "dull", "terrible", "clumsy", "predictable", "weak", "tedious", "bland", "painful", "messy",
            "forgettable"];

    private static readonly string[] Intensifiers =
        ["", "", "really ", "truly ", "quite ", "very ", "rather ", "simply "];

    private static readonly string[] Fillers =
        ["I saw it last week.", "We went on a Sunday.", "My friend picked it.", "It runs about two hours.",
            "The cinema was full.", "I watched it at home."];

    /// <summary>Makes <paramref name="count"/> reviews, alternating the two classes.</summary>
    public static List<(string Label, string Text)> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<(string, string)>(count);
        for (int i = 0; i < count; i++)
        {
            bool positive = i % 2 == 0;
            string text = Review(random, positive);
            rows.Add((positive ? "positive" : "negative", text));
        }

        return rows;
    }

    private static string Review(Random random, bool positive)
    {
        string body = random.Next(4) switch
        {
            0 => Clause(random, positive),
            1 => $"{Clause(random, !positive)} but {Clause(random, positive)}",
            2 => $"although {Clause(random, !positive)}, {Clause(random, positive)}",
            _ => $"{Clause(random, positive)} and {Clause(random, positive)}",
        };
        string sentence = char.ToUpperInvariant(body[0]) + body[1..] + (random.Next(4) == 0 ? "!" : ".");
        return random.Next(3) == 0 ? $"{Fillers[random.Next(Fillers.Length)]} {sentence}" : sentence;
    }

    /// <summary>A clause with the given polarity, half of the time expressed through negation.</summary>
    private static string Clause(Random random, bool positive)
    {
        string subject = Subjects[random.Next(Subjects.Length)];
        bool negated = random.Next(3) == 0;
        bool adjectivePositive = negated ? !positive : positive;
        string[] bank = adjectivePositive ? Positive : Negative;
        string adjective = bank[random.Next(bank.Length)];
        return negated ? $"{subject} was not {adjective}"
            : $"{subject} was {Intensifiers[random.Next(Intensifiers.Length)]}{adjective}";
    }
}
