using System.Globalization;

namespace EnergyFacts.Advice;

/// <summary>What a configuration must meet to be chosen; <see langword="null"/> limits do not apply.</summary>
internal sealed record AdviceConstraints
{
    /// <summary>The lowest top-1 accuracy allowed, a fraction from 0 to 1 (<c>--min-top1</c>).</summary>
    public double? MinimumTop1 { get; init; }

    /// <summary>The highest latency allowed (<c>--max-latency-ms</c>, milliseconds per sample).</summary>
    public MillisecondsPerSample? MaximumLatency { get; init; }

    /// <summary>The most energy per sample allowed, J/sample, PUE included (<c>--max-joules-per-sample</c>).</summary>
    public double? MaximumJoulesPerSample { get; init; }

    /// <summary>The most energy per run allowed, PUE included (<c>--max-joules</c>).</summary>
    public Joules? MaximumEnergyPerRun { get; init; }

    /// <summary>What "cheapest" minimises: energy per run unless told otherwise.</summary>
    public EnergyObjective CheapestBy { get; init; } = EnergyObjective.PerRun;

    /// <summary>Throws unless every limit is a finite number in its range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is out of range; the message names the option.</exception>
    public AdviceConstraints Validated()
    {
        Check(MinimumTop1, "--min-top1", v => v is >= 0 and <= 1, "a fraction from 0 to 1 (0.9 is 90 %)");
        Check(MaximumLatency?.Value, "--max-latency-ms", v => v > 0, "more than 0 (milliseconds per sample)");
        Check(MaximumJoulesPerSample, "--max-joules-per-sample", v => v > 0, "more than 0");
        Check(MaximumEnergyPerRun?.Value, "--max-joules", v => v > 0, "more than 0");
        return this;
    }

    /// <summary>Why <paramref name="configuration"/> misses the constraints, one reason per limit it misses; empty when it meets them all.</summary>
    public IReadOnlyList<string> Misses(MeasuredConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var reasons = new List<string>();
        if (MinimumTop1 is { } top1 && !(configuration.Top1 >= top1))
        {
            reasons.Add(configuration.Top1 is { } a ? Text($"--min-top1: top-1 {a:0.####} < {top1:0.####}") : "--min-top1: no top-1 recorded");
        }

        if (MaximumLatency is { } latency && !(configuration.Latency?.Value <= latency.Value))
        {
            reasons.Add(configuration.Latency is { } l ? Text($"--max-latency-ms: {l} > {latency}") : "--max-latency-ms: latency unknown (no samples or duration recorded)");
        }

        if (MaximumJoulesPerSample is { } perSample && !(configuration.JoulesPerSample <= perSample))
        {
            reasons.Add(configuration.JoulesPerSample is { } j ? Text($"--max-joules-per-sample: {j:G4} J/sample > {perSample:G4}") : "--max-joules-per-sample: J/sample unknown (no samples recorded)");
        }

        if (MaximumEnergyPerRun is { } perRun && !(configuration.EnergyPerRun <= perRun))
        {
            reasons.Add(Text($"--max-joules: {configuration.EnergyPerRun.Value:G4} J > {perRun.Value:G4} J"));
        }

        if (configuration.Energy(CheapestBy) is null)
        {
            reasons.Add($"cheapest by {CheapestBy.Describe()}: not known for this configuration (no samples recorded)");
        }

        return reasons;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Check(double? value, string option, Func<double, bool> allowed, string what)
    {
        if (value is { } v && !(double.IsFinite(v) && allowed(v)))
        {
            throw new ArgumentOutOfRangeException(option, v, string.Create(CultureInfo.InvariantCulture, $"{option} must be {what}; got {v:R}."));
        }
    }
}
