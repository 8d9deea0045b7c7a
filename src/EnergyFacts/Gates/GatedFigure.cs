namespace EnergyFacts.Gates;

/// <summary>What kind of figure a gate compares.</summary>
internal enum GatedFigureKind
{
    /// <summary>Total energy of the trial, PUE included (<c>energy_consumed</c>), in joules.</summary>
    Energy,

    /// <summary>The CPU-time-based estimate (TDP × this process's CPU time share), in joules: far less noisy on shared machines.</summary>
    CpuTimeEstimate,

    /// <summary>Energy per sample, PUE included, in joules per sample.</summary>
    EnergyPerSample,

    /// <summary>Duration of the trial, in seconds.</summary>
    Duration,

    /// <summary>A metric the experiment reports (<c>ReportMetric</c>, e.g. accuracy), in its own unit and direction.</summary>
    Metric,
}

/// <summary>
/// The figure a gate compares: <c>energy</c>, <c>cpu-time-estimate</c>, <c>energy-per-sample</c>, <c>duration</c> or
/// <c>metric:NAME</c>. <see cref="ToString"/> is that text, also the figure's key in a baseline file.
/// </summary>
internal sealed record GatedFigure
{
    private GatedFigure(GatedFigureKind kind, string? metricName)
    {
        Kind = kind;
        MetricName = metricName;
    }

    /// <summary>Total energy, PUE included.</summary>
    public static GatedFigure Energy { get; } = new(GatedFigureKind.Energy, null);

    /// <summary>The CPU-time-based energy estimate.</summary>
    public static GatedFigure CpuTimeEstimate { get; } = new(GatedFigureKind.CpuTimeEstimate, null);

    /// <summary>Energy per sample.</summary>
    public static GatedFigure EnergyPerSample { get; } = new(GatedFigureKind.EnergyPerSample, null);

    /// <summary>Duration.</summary>
    public static GatedFigure Duration { get; } = new(GatedFigureKind.Duration, null);

    /// <summary>What <see cref="TryParse"/> accepts, for messages.</summary>
    public const string Allowed = "energy, cpu-time-estimate, energy-per-sample, duration or metric:NAME (e.g. metric:top1)";

    public GatedFigureKind Kind { get; }

    /// <summary>The metric's name for <see cref="GatedFigureKind.Metric"/>; otherwise <see langword="null"/>.</summary>
    public string? MetricName { get; }

    /// <summary>A reported metric, e.g. <c>top1</c>.</summary>
    public static GatedFigure Metric(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new(GatedFigureKind.Metric, name.Trim());
    }

    /// <summary>Parses the text form; <see langword="false"/> for anything but <see cref="Allowed"/>.</summary>
    public static bool TryParse(string? text, out GatedFigure? figure)
    {
        figure = text switch
        {
            "energy" => Energy,
            "cpu-time-estimate" => CpuTimeEstimate,
            "energy-per-sample" => EnergyPerSample,
            "duration" => Duration,
            _ when text is not null && text.StartsWith("metric:", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(text[7..]) => Metric(text[7..]),
            _ => null,
        };
        return figure is not null;
    }

    /// <summary>The unit the figure is given in; a metric's unit is its own (<see langword="null"/> here).</summary>
    public string? Unit => Kind switch
    {
        GatedFigureKind.Energy or GatedFigureKind.CpuTimeEstimate => "J",
        GatedFigureKind.EnergyPerSample => "J/sample",
        GatedFigureKind.Duration => "s",
        _ => null,
    };

    public override string ToString() => Kind switch
    {
        GatedFigureKind.Energy => "energy",
        GatedFigureKind.CpuTimeEstimate => "cpu-time-estimate",
        GatedFigureKind.EnergyPerSample => "energy-per-sample",
        GatedFigureKind.Duration => "duration",
        _ => "metric:" + MetricName,
    };
}
