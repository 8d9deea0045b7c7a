using EnergyFacts.Results;

namespace EnergyFacts.Trials;

/// <summary>What the pipeline needs to know about the case a trial belongs to, fixed before it runs.</summary>
/// <param name="CaseId">Stable id of the test case.</param>
/// <param name="DisplayName">E.g. <c>Train [lenet | batch=64 | epochs=2]</c>.</param>
/// <param name="Model">Model name.</param>
/// <param name="Dataset">Dataset name, when declared.</param>
/// <param name="Epochs">Epochs asked for.</param>
/// <param name="Batch">Batch size.</param>
/// <param name="Trial">1-based trial number.</param>
/// <param name="Trials">Trials of the case.</param>
/// <param name="Seed">Declared seed.</param>
/// <param name="Budget">The budget that applies, or <see langword="null"/>.</param>
internal sealed record TrialCase(
    string CaseId, string DisplayName, string Model, string? Dataset, int Epochs, int Batch, int Trial, int Trials, int? Seed, EnergyBudget? Budget)
{
    /// <summary>The device the experiment asked for (<c>auto</c>, <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>).</summary>
    public string RequestedDevice { get; init; } = "auto";

    /// <summary>The experiment method, <c>Namespace.Class.Method</c>: with the case's values, its key in a baseline.</summary>
    public string Method { get; init; } = string.Empty;

    /// <summary>
    /// 0 for a planned trial; k for the k-th extra trial the regression gate asked for after an inconclusive verdict
    /// (<c>--energy-max-extra-trials</c>), numbered <see cref="Trial"/> = <see cref="Trials"/> + k.
    /// </summary>
    public int ExtraTrial { get; init; }

    /// <summary>Whether the regression gate judges this trial: the case's last planned trial and every extra trial.</summary>
    public bool IsJudged => Trial >= Trials;
}

/// <summary>What the experiment's body produced, known once it returned (or failed).</summary>
/// <param name="Status">How the body ended: passed, failed (an assertion), error, cancelled or timed out.</param>
/// <param name="Message">The body's failure text, when it failed.</param>
/// <param name="DeviceUsed">Device the experiment reported, or <c>none</c>.</param>
/// <param name="Samples">Samples it reported.</param>
/// <param name="History">Epochs it reported.</param>
internal sealed record TrialBody(ExperimentStatus Status, string? Message, string DeviceUsed, long Samples, IReadOnlyList<EpochRecord> History)
{
    /// <summary>Metrics the experiment reported.</summary>
    public IReadOnlyList<ReportedMetric> Metrics { get; init; } = [];

    /// <summary>Energy forecasts made after each epoch.</summary>
    public IReadOnlyList<Accounting.EnergyForecast> Forecasts { get; init; } = [];

    /// <summary>The preparation's measurement, when the body marked one; the trial's measurement covers the rest.</summary>
    public Measurement.EnergyMeasurement? Preparation { get; init; }

    /// <summary>Intra-op CPU threads the body reported.</summary>
    public int? IntraOpThreads { get; init; }

    /// <summary>Inter-op CPU threads the body reported.</summary>
    public int? InterOpThreads { get; init; }
}
