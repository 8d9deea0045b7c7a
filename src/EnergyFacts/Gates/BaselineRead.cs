namespace EnergyFacts.Gates;

/// <summary>
/// What reading a baseline path gave: the baseline, or that no file is there (the first run of a gate: every case is
/// <see cref="GateVerdictKind.New"/>, which passes unless <c>--energy-require-baseline</c>). A file that is there but
/// unusable is never this: it throws <see cref="BaselineFormatException"/>.
/// </summary>
internal sealed record BaselineRead
{
    private BaselineRead(string path, Baseline? baseline)
    {
        Path = path;
        Baseline = baseline;
    }

    /// <summary>The absolute path that was read.</summary>
    public string Path { get; }

    /// <summary>The baseline, or <see langword="null"/> when <see cref="IsMissing"/>.</summary>
    public Baseline? Baseline { get; }

    /// <summary>Whether no file was at <see cref="Path"/>.</summary>
    public bool IsMissing => Baseline is null;

    public static BaselineRead Loaded(string path, Baseline baseline) => new(path, baseline ?? throw new ArgumentNullException(nameof(baseline)));

    public static BaselineRead Missing(string path) => new(path, null);
}
