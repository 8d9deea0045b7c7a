using EnergyFacts.Accounting;
using EnergyFacts.Configuration;
using EnergyFacts.Gates;
using EnergyFacts.Measurement;

namespace EnergyFacts.Results;

/// <summary>
/// One trial's results, composed of typed parts: what was run and how it ended (<see cref="Outcome"/>), what the
/// sampler measured (<see cref="Measurement"/>), what that energy means in emissions and water (<see cref="Account"/>)
/// and the machine (<see cref="Host"/>). <see cref="ResultColumns.All"/> says how each column is read from the parts,
/// so a new column is one line there; every sink renders from that table.
/// </summary>
internal sealed record ResultRow
{
    /// <summary>Who ran what, and how it ended.</summary>
    public required ExperimentOutcome Outcome { get; init; }

    /// <summary>The sampler's measurement of the trial's window, per component, with its sources and faults.</summary>
    public required EnergyMeasurement Measurement { get; init; }

    /// <summary>Energies with PUE, emissions, water and the carbon intensity used, computed once for the trial.</summary>
    public required EmissionsAccount Account { get; init; }

    /// <summary>The machine.</summary>
    public required HostInfo Host { get; init; }

    /// <summary>
    /// The trial's preparation (native load, data decode, model build), measured apart when the experiment marked it
    /// (<c>BeginPreparation</c>): <see cref="Measurement"/> then covers only the work after it.
    /// </summary>
    public EnergyMeasurement? Preparation { get; init; }

    /// <summary>The preparation's energy × PUE; <see langword="null"/> when no preparation was marked.</summary>
    public Joules? PreparationEnergyWithPue => Preparation is { } p ? p.TotalEnergy * Account.Pue : null;

    /// <summary>Energy above the idle baseline, when an idle baseline was measured for the run.</summary>
    public AboveIdleEnergy? AboveIdle { get; init; }

    /// <summary>Statistics over the case's trials, on the case's last trial when it has several.</summary>
    public TrialStatistics? Statistics { get; init; }

    /// <summary>Energy-delay product, samples per joule, APC and APEC of the trial, with the parameters used.</summary>
    public Metrics.RowEfficiency? Efficiency { get; init; }

    /// <summary>TTCAPC, TTCAPEC, FMS and ASC from the trial's per-epoch history, on a case's last trial.</summary>
    public Metrics.TrainingMetrics? Training { get; init; }

    /// <summary>The trial's power trace file, relative to the results folder (<c>traces/…</c>); <see langword="null"/> when none was written.</summary>
    public string? PowerTrace { get; init; }

    /// <summary>The regression gate's verdict on the case, on its last trial when a baseline is configured.</summary>
    public CaseVerdict? Gate { get; init; }

    /// <summary>Every setting of the run with its value and where it came from (the settings registry's provenance).</summary>
    public IReadOnlyList<ResolvedSetting> Settings { get; init; } = [];

    /// <summary>How each probe got its numbers, e.g. which TDP an estimate used.</summary>
    public IReadOnlyList<ProbeLegend> ProbeLegends { get; init; } = [];

    /// <summary>Total energy with PUE, the figure budgets judge.</summary>
    public Joules EnergyWithPue => Account.FacilityEnergy;

    /// <summary>Energy with PUE per training sample; <see langword="null"/> when the experiment reported no samples.</summary>
    public double? JoulesPerSample => Outcome.Samples > 0 ? Account.FacilityEnergy.Value / Outcome.Samples : null;

    /// <summary>The last epoch the experiment reported, if any.</summary>
    public EpochRecord? LastEpoch => Outcome.History.Count > 0 ? Outcome.History[^1] : null;

    /// <summary>This trial's figures for <see cref="TrialStatistics"/>.</summary>
    public TrialObservation ToObservation() => new(Account.FacilityEnergy, Measurement.Duration, Account.Emissions);
}

/// <summary>How one probe got its numbers (its descriptor's legend), recorded with every row.</summary>
/// <param name="ProbeId">The probe's id, e.g. <c>cpu-model</c>.</param>
/// <param name="Legend">What it measured or estimated, and from what.</param>
internal sealed record ProbeLegend(string ProbeId, string Legend);
