using System.Collections.Concurrent;

namespace Ml.Recurrent.Modeling;

/// <summary>
/// Named factories of your own <see cref="RecurrentCellModule"/>s, for <see cref="RecurrentCell.Custom"/>. A saved
/// model stores only the name: register the same factory under the same name, in every process, before
/// training with it or loading a model that uses it. Thread-safe.
/// </summary>
public static class RecurrentCellRegistry
{
    private static readonly ConcurrentDictionary<string, Func<int, int, RecurrentCellModule>> Factories =
        new(StringComparer.Ordinal);

    /// <summary>Registers (or replaces) the factory for <paramref name="name"/>.</summary>
    /// <param name="name">The name stored in models; letters, digits, '.', '_' or '-', 1 to 128 characters.</param>
    /// <param name="factory">Creates a cell from (input size, hidden size); the cell must report those sizes.</param>
    public static void Register(string name, Func<int, int, RecurrentCellModule> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (!IsValidName(name))
            throw new ArgumentException($"A custom cell name must be 1 to 128 letters, digits, '.', '_' or '-'; got " +
                $"'{name}'.", nameof(name));
        Factories[name] = factory;
    }

    /// <summary>Whether a factory is registered under <paramref name="name"/>.</summary>
    /// <param name="name">The cell name.</param>
    public static bool IsRegistered(string name) => Factories.ContainsKey(name);

    /// <summary>Longest registered name.</summary>
    internal const int MaximumNameLength = 128;

    internal static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaximumNameLength
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    internal static RecurrentCellModule Create(string name, int inputSize, int hiddenSize)
    {
        if (!Factories.TryGetValue(name, out Func<int, int, RecurrentCellModule>? factory))
            throw new InvalidOperationException($"No custom recurrent cell named '{name}' is registered: call " +
                $"RecurrentCellRegistry.Register(\"{name}\", ...) before training or loading a model that uses it.");
        RecurrentCellModule cell = factory(inputSize, hiddenSize);
        if (cell.InputSize != inputSize || cell.HiddenSize != hiddenSize)
        {
            cell.Dispose();
            throw new InvalidOperationException($"The factory of custom cell '{name}' returned a cell of sizes " +
                $"({cell.InputSize}, {cell.HiddenSize}) when asked for ({inputSize}, {hiddenSize}).");
        }

        return cell;
    }
}
