namespace EnergyFacts.Gates;

/// <summary>
/// A regression gate's baseline: the cases of an earlier run, sorted by <see cref="ExperimentKey"/>, one per key.
/// <see cref="BaselineFile"/> reads and writes it as <c>"format": 1</c> JSON.
/// </summary>
internal sealed class Baseline
{
    /// <summary>The file format this version writes and the newest it reads.</summary>
    public const int CurrentFormat = 1;

    private readonly Dictionary<ExperimentKey, CaseMeasurement> byKey;

    /// <exception cref="ArgumentException">Two cases with the same key.</exception>
    public Baseline(IEnumerable<CaseMeasurement> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var sorted = cases.OrderBy(c => c.Key).ToList();
        byKey = new Dictionary<ExperimentKey, CaseMeasurement>(sorted.Count);
        foreach (var measurement in sorted)
        {
            if (!byKey.TryAdd(measurement.Key, measurement))
            {
                throw new ArgumentException($"two baseline cases for {measurement.Key}; each case appears once", nameof(cases));
            }
        }

        Cases = sorted;
    }

    /// <summary>The cases, sorted by key.</summary>
    public IReadOnlyList<CaseMeasurement> Cases { get; }

    /// <summary>The baseline case of <paramref name="key"/>, or <see langword="null"/> when the baseline has none (a new case).</summary>
    public CaseMeasurement? Find(ExperimentKey key) => byKey.GetValueOrDefault(key);

    /// <summary>
    /// The refreshed baseline of <c>--energy-update-baseline</c>: <paramref name="current"/> cases replace those with the
    /// same key, new ones are added, and the others stay as they were (a run of part of the suite keeps the rest).
    /// </summary>
    public Baseline Refresh(IEnumerable<CaseMeasurement> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var merged = new Dictionary<ExperimentKey, CaseMeasurement>(byKey);
        foreach (var measurement in current)
        {
            merged[measurement.Key] = measurement;
        }

        return new Baseline(merged.Values);
    }
}
