namespace Ml.Recurrent.Tests.Onnx;

/// <summary>Texts that stress a tokenizer: empty, blank, long, capitalised, all-caps, punctuation runs, other scripts.</summary>
internal static class HostileTexts
{
    public static readonly string[] All =
    [
        "",
        "   ",
        "\t\n  \r\n",
        "Hello World",
        "NASA and the FBI met the CIA",
        "I A x Z",
        "the match was great, the team scored a goal!",
        string.Join(' ', Enumerable.Range(0, 60).Select(i => i % 3 == 0 ? "Goal" : "team")),
        "...!!!???---,,,;;;::\"\"''(([[{{",
        "«Привет», МИР и мир",
        "ΑΘΗΝΑ Αθήνα αθήνα",
        "東京タワー と 大阪城",
        "مرحبا بالعالم",
        "हिन्दी भाषा",
        "emoji 😀 here 𝐁𝐨𝐥𝐝 𐐀𐐨",
        "snake_case_word __init__ x2 B2B 3D",
        "ǅemal ǈubljana ﬁne",
        "İstanbul Straße ÉCOLE Über ÆSIR",
        "MIXEDcase mixedCASE McDonald O'Neil can't",
        "123 4.5 6,7 $8 +9 =10",
        "zzqx unknownword Blorfle QWERTY",
        "A.B.C. U.S.A. e.g.",
    ];
}
