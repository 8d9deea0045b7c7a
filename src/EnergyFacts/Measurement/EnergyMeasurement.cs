using EnergyFacts.Probes;

namespace EnergyFacts.Measurement;

/// <summary>What the sampler observed over one measured window (one trial of one experiment).</summary>
internal sealed record EnergyMeasurement
{
    /// <summary>Wall-clock time when the window opened (for the timestamp column; durations use the monotonic clock).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Length of the window on the monotonic clock.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Energy per component: always one entry each for cpu, gpu and ram, in that order.</summary>
    public required IReadOnlyList<ComponentEnergy> Components { get; init; }

    /// <summary>Sampler ticks taken in the window (including the opening and closing reads).</summary>
    public required int SampleCount { get; init; }

    /// <summary>The sampling interval asked for.</summary>
    public required TimeSpan Interval { get; init; }

    /// <summary>CPU time the sampler thread itself used: the harness's own overhead.</summary>
    public required TimeSpan SamplerCpuTime { get; init; }

    /// <summary>Things the reader of the result should know (e.g. a window shorter than a counter's update period).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Power over time as the sampler saw it (bounded, exact in total energy); <see langword="null"/> for a measurement made otherwise.</summary>
    public SampledPowerTrace? Trace { get; init; }

    /// <summary>Energy of all components together.</summary>
    public Joules TotalEnergy => Components.Aggregate(Joules.Zero, (sum, c) => sum + c.Energy);

    /// <summary>The entry for one component.</summary>
    public ComponentEnergy this[PowerComponent component] => Components.First(c => c.Component == component);
}
