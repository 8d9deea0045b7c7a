namespace EnergyFacts.Gates;

/// <summary>
/// The gate's input for one case, and also what a baseline file holds per case: the experiment, the machine and probes
/// it ran with, and each figure's trial values. The trial pipeline fills it; the gate reads nothing else.
/// </summary>
internal sealed record CaseMeasurement
{
    /// <param name="key">The experiment case.</param>
    /// <param name="machine">The machine it ran on.</param>
    /// <param name="probes">The probe specification it was measured with, e.g. <c>auto</c> or <c>rapl,nvml</c>.</param>
    /// <param name="figures">Its figures; at most one per <see cref="GatedFigure"/>.</param>
    /// <exception cref="ArgumentException">Two figures of the same kind.</exception>
    public CaseMeasurement(ExperimentKey key, MachineDescription machine, string probes, IEnumerable<FigureTrials> figures)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentNullException.ThrowIfNull(figures);
        var sorted = figures.OrderBy(f => f.Figure.ToString(), StringComparer.Ordinal).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Figure == sorted[i - 1].Figure)
            {
                throw new ArgumentException($"{key} has two '{sorted[i].Figure}' figures; each figure appears once", nameof(figures));
            }
        }

        Key = key;
        Machine = machine;
        Probes = probes;
        Figures = sorted;
    }

    public ExperimentKey Key { get; }

    public MachineDescription Machine { get; }

    public string Probes { get; }

    /// <summary>The figures, sorted by their text form (the baseline file's order).</summary>
    public IReadOnlyList<FigureTrials> Figures { get; }

    /// <summary>The given figure, or <see langword="null"/> when the case has none.</summary>
    public FigureTrials? Find(GatedFigure figure) => Figures.FirstOrDefault(f => f.Figure == figure);

    public bool Equals(CaseMeasurement? other) =>
        other is not null && Key == other.Key && Machine == other.Machine && Probes == other.Probes && Figures.SequenceEqual(other.Figures);

    public override int GetHashCode() => HashCode.Combine(Key, Machine, Probes);
}
