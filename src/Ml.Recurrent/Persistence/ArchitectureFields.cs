using System.Globalization;

namespace Ml.Recurrent.Persistence;

/// <summary>
/// Named, typed fields (a model's architecture): int32 count, then per field a name (string), a type tag (byte: 0
/// int32, 1 float32, 2 bool, 3 string) and the value. A reader takes fields by name within ranges, supplies the value
/// an older file implies for a field it lacks, and refuses a field it does not know (a newer writer's).
/// </summary>
internal static class ArchitectureFields
{
    private const byte Int32Tag = 0, SingleTag = 1, BooleanTag = 2, TextTag = 3;

    /// <summary>Buffers fields and writes them with their count.</summary>
    internal sealed class Writer(PayloadWriter output)
    {
        private readonly List<Action> _writes = [];

        public void Write(string name, int value) => Add(name, Int32Tag, () => output.Write(value));

        public void Write(string name, float value) => Add(name, SingleTag, () => output.Write(value));

        public void Write(string name, bool value) => Add(name, BooleanTag, () => output.Write(value));

        public void Write(string name, string value) => Add(name, TextTag, () => output.Write(value, name));

        public void Finish()
        {
            output.Write(_writes.Count);
            foreach (Action write in _writes) write();
        }

        private void Add(string name, byte tag, Action value) => _writes.Add(() =>
        {
            output.Write(name, "field name");
            output.Write((int)tag);
            value();
        });
    }

    /// <summary>Reads every field into memory (bounded), then hands them out by name.</summary>
    public static Fields Read(PayloadReader reader)
    {
        int count = reader.ReadInt32("field count", 0, 1024);
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString("field name", 256);
            object value = reader.ReadInt32($"type of field '{name}'", Int32Tag, TextTag) switch
            {
                Int32Tag => reader.ReadInt32(name, int.MinValue, int.MaxValue),
                SingleTag => reader.ReadSingle(name, float.MinValue, float.MaxValue),
                BooleanTag => reader.ReadBoolean(name),
                _ => reader.ReadString(name, 1 << 16),
            };
            if (!values.TryAdd(name, value))
                throw new InvalidDataException(
                    $"The model entry '{reader.Entry}' is damaged: field '{name}' appears twice.");
        }

        return new Fields(values, reader.Entry);
    }

    /// <summary>The fields of one entry, taken by name.</summary>
    internal sealed class Fields(Dictionary<string, object> values, string entry)
    {
        private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

        public int Int32(string name, int min, int max, int? absent = null)
        {
            int value = Take<int>(name, absent);
            return value >= min && value <= max ? value : throw Damaged(name, $"{value} is outside [{min}, {max}]");
        }

        public float Single(string name, float min, float max, float? absent = null)
        {
            float value = Take<float>(name, absent);
            return value >= min && value <= max ? value : throw Damaged(name, $"{value} is outside [{min}, {max}]");
        }

        public bool Boolean(string name, bool? absent = null) => Take<bool>(name, absent);

        public string Text(string name, int maximumLength, string? absent = null)
        {
            string value = Take<string>(name, absent);
            return value.Length <= maximumLength
                ? value
                : throw Damaged(name, $"longer than {maximumLength} characters");
        }

        public TEnum Enum<TEnum>(string name, TEnum? absent = null)
            where TEnum : struct, System.Enum
        {
            object? implied = absent is { } a ? Convert.ToInt32(a, CultureInfo.InvariantCulture) : null;
            int raw = Take<int>(name, implied);
            var value = (TEnum)(object)raw;
            return System.Enum.IsDefined(value)
                ? value
                : throw Damaged(name, $"{raw} is not a known {typeof(TEnum).Name}");
        }

        /// <summary>Refuses fields that no reader call took: a newer Ml.Recurrent wrote them.</summary>
        public void EnsureAllRead()
        {
            string[] unknown = values.Keys.Where(k => !_taken.Contains(k)).Order(StringComparer.Ordinal).ToArray();
            if (unknown.Length > 0)
                throw new FormatException($"The model entry '{entry}' has architecture field(s) " +
                    $"{string.Join(", ", unknown)} that this version of Ml.Recurrent does not know: it was written " +
                    "by a newer version. Upgrade Ml.Recurrent to load it.");
        }

        private TValue Take<TValue>(string name, object? absent)
        {
            _taken.Add(name);
            if (!values.TryGetValue(name, out object? value))
                return absent is TValue implied ? implied : throw Damaged(name, "missing");
            return value is TValue typed
                ? typed
                : throw Damaged(name, $"holds a {value.GetType().Name}, not a {typeof(TValue).Name}");
        }

        private InvalidDataException Damaged(string field, string what) =>
            new($"The model entry '{entry}' is damaged: field '{field}': {what}.");
    }
}
