namespace EnergyFacts.Results;

/// <summary>Everything about one trial except its energy: who ran what, how it ended and what it learned.</summary>
internal sealed record ExperimentOutcome
{
    /// <summary>Project name (CodeCarbon's <c>project_name</c>), e.g. the test assembly's name.</summary>
    public required string ProjectName { get; init; }

    /// <summary>One id per test-process run; all trials of that run share it.</summary>
    public required Guid RunId { get; init; }

    /// <summary>Stable id of the test case (the same across runs), CodeCarbon's <c>experiment_id</c>.</summary>
    public required string ExperimentId { get; init; }

    /// <summary>Display name, e.g. <c>Train [resnet18 | batch=64 | epochs=2]</c>.</summary>
    public required string ExperimentName { get; init; }

    /// <summary>Model name from the attribute.</summary>
    public required string Model { get; init; }

    /// <summary>Dataset name, when set.</summary>
    public string? Dataset { get; init; }

    /// <summary>Epochs asked for.</summary>
    public required int Epochs { get; init; }

    /// <summary>Batch size asked for.</summary>
    public required int BatchSize { get; init; }

    /// <summary>1-based number of this trial.</summary>
    public int Trial { get; init; } = 1;

    /// <summary>Trials the case runs in all.</summary>
    public int Trials { get; init; } = 1;

    /// <summary>Random seed, when set.</summary>
    public int? Seed { get; init; }

    /// <summary>Device the experiment ran on, e.g. <c>cpu</c>, <c>cuda:0</c>, <c>none</c>.</summary>
    public string Device { get; init; } = "none";

    /// <summary>Training samples processed in the whole trial.</summary>
    public long Samples { get; init; }

    /// <summary>Per-epoch reports, in order.</summary>
    public IReadOnlyList<EpochRecord> History { get; init; } = [];

    /// <summary>Metrics the experiment reported (mIoU, F1 …), in the order first reported.</summary>
    public IReadOnlyList<ReportedMetric> Metrics { get; init; } = [];

    /// <summary>How the trial ended.</summary>
    public required ExperimentStatus Status { get; init; }

    /// <summary>The budget that applied, e.g. <c>MaxKilowattHours=1E-05</c>; <see langword="null"/> when none.</summary>
    public string? Budget { get; init; }

    /// <summary>Failure or error text (budget message, assertion, exception); <see langword="null"/> when passed.</summary>
    public string? Message { get; init; }

    /// <summary>The probes used, as the user would specify them (e.g. <c>cpu-model,ram-model</c>); empty to list the measurement's probe ids.</summary>
    public string Probes { get; init; } = string.Empty;

    /// <summary>Mean utilisation over the trial, if sampled.</summary>
    public ResourceUtilization? Utilization { get; init; }

    /// <summary>The energy forecasts made after each epoch (PUE included), for prediction against actual.</summary>
    public IReadOnlyList<Accounting.EnergyForecast> Forecasts { get; init; } = [];

    /// <summary>Intra-op CPU threads the experiment ran with (<c>UseThreads</c>); <see langword="null"/> when not reported.</summary>
    public int? IntraOpThreads { get; init; }

    /// <summary>Inter-op CPU threads the experiment ran with; <see langword="null"/> when not reported.</summary>
    public int? InterOpThreads { get; init; }
}
