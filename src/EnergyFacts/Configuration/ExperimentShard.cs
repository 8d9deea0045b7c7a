using System.Globalization;

namespace EnergyFacts.Configuration;

/// <summary>
/// One of N deterministic, balanced parts of a grid of experiment cases (<c>--energy-shard K/N</c>), so a CI matrix
/// or a batch scheduler runs the grid on N machines: cases are ordered by their stable id and dealt round-robin, so
/// the shards differ by at most one case and together run each case exactly once.
/// </summary>
internal sealed record ExperimentShard(int Index, int Count)
{
    /// <summary>Every case: one shard of one.</summary>
    public static ExperimentShard All { get; } = new(1, 1);

    /// <summary>What the setting accepts, for messages.</summary>
    public const string Allowed = "K/N with 1 ≤ K ≤ N, e.g. 2/3";

    /// <summary>Parses <c>K/N</c>.</summary>
    /// <exception cref="SettingValueException">Not of that form, or K outside 1..N.</exception>
    public static ExperimentShard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0
            || !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new SettingValueException("a shard is K/N, two whole numbers");
        }

        if (count < 1 || index < 1 || index > count)
        {
            throw new SettingValueException(string.Create(CultureInfo.InvariantCulture, $"shard {index} of {count} does not exist; K runs from 1 to N"));
        }

        return new ExperimentShard(index, count);
    }

    /// <summary>The cases of this shard, in the given order; <paramref name="stableId"/> must not change between runs or machines.</summary>
    public IReadOnlyList<T> Select<T>(IEnumerable<T> cases, Func<T, string> stableId)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(stableId);
        var all = cases.ToList();
        var mine = all
            .OrderBy(stableId, StringComparer.Ordinal)
            .Where((_, position) => position % Count == Index - 1)
            .ToHashSet();
        return [.. all.Where(mine.Contains)];
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
