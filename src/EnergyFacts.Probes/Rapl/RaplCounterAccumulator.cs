namespace EnergyFacts.Probes.Rapl;

/// <summary>What one counter value did to the running total.</summary>
internal enum CounterStep
{
    /// <summary>First value: the baseline was taken.</summary>
    Baseline,

    /// <summary>The counter advanced (or stood still).</summary>
    Advanced,

    /// <summary>The counter wrapped once past its range; the wrapped delta was added.</summary>
    Wrapped,

    /// <summary>
    /// The value dropped and no plausible wrap explains it (or the range is unknown): a counter reset, e.g. a driver reload.
    /// Nothing is added; the counter is re-baselined at the new value.
    /// </summary>
    Reset,

    /// <summary>The value jumped forward more than the zone could plausibly consume; nothing added, re-baselined.</summary>
    Implausible,
}

/// <summary>
/// Turns successive raw <c>energy_uj</c> values into exact microjoules since the baseline, unwrapping any number of wraps
/// over a run as long as at most one happens between two reads (i.e. the sampler reads faster than the wrap period).
/// </summary>
/// <remarks>
/// A drop is a wrap only when <c>value + range − previous</c> is an energy the zone could have used in the elapsed time
/// (<see cref="MaxPlausibleWatts"/> × Δt + 1 J); otherwise it is a reset. Without the kernel's max range we cannot tell the
/// two apart, so every drop is a reset.
/// </remarks>
internal sealed class RaplCounterAccumulator
{
    private const double SlackMicrojoules = 1_000_000; // 1 J: covers counter update jitter at tiny Δt.
    private readonly ulong? rangeMicrojoules;
    private ulong previous;
    private double previousSeconds;
    private bool hasBaseline;

    public RaplCounterAccumulator(ulong? rangeMicrojoules, double maxPlausibleWatts)
    {
        this.rangeMicrojoules = rangeMicrojoules;
        MaxPlausibleWatts = maxPlausibleWatts;
    }

    public double MaxPlausibleWatts { get; }

    /// <summary>Exact microjoules accumulated since the baseline.</summary>
    public ulong TotalMicrojoules { get; private set; }

    /// <summary>Number of wraps unwrapped.</summary>
    public int Wraps { get; private set; }

    /// <summary>Number of resets and implausible jumps.</summary>
    public int Faults { get; private set; }

    public bool HasBaseline => hasBaseline;

    /// <summary>Forgets everything; the next value is a baseline.</summary>
    public void Restart()
    {
        hasBaseline = false;
        TotalMicrojoules = 0;
        Wraps = 0;
        Faults = 0;
    }

    public CounterStep Advance(ulong value, double elapsedSeconds)
    {
        if (!hasBaseline)
        {
            Rebaseline(value, elapsedSeconds);
            return CounterStep.Baseline;
        }

        var dt = Math.Max(0, elapsedSeconds - previousSeconds);
        var plausibleMicrojoules = (MaxPlausibleWatts * dt * 1_000_000) + SlackMicrojoules;
        ulong delta;
        var wrapped = false;
        if (value >= previous)
        {
            delta = value - previous;
            if (delta > plausibleMicrojoules)
            {
                Faults++;
                Rebaseline(value, elapsedSeconds);
                return CounterStep.Implausible;
            }
        }
        else if (rangeMicrojoules is { } range && previous <= range && value <= range
            && (double)(value + (range - previous)) <= plausibleMicrojoules)
        {
            delta = value + (range - previous);
            wrapped = true;
        }
        else
        {
            Faults++;
            Rebaseline(value, elapsedSeconds);
            return CounterStep.Reset;
        }

        TotalMicrojoules += delta;
        previous = value;
        previousSeconds = elapsedSeconds;
        if (wrapped)
        {
            Wraps++;
            return CounterStep.Wrapped;
        }

        return CounterStep.Advanced;
    }

    private void Rebaseline(ulong value, double elapsedSeconds)
    {
        previous = value;
        previousSeconds = elapsedSeconds;
        hasBaseline = true;
    }
}
