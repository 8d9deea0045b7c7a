namespace EnergyFacts.Probes.Integration;

/// <summary>
/// The energy of one probe over a window, from (seconds since the window opened, reading) pairs: the one place where
/// readings become joules, used by the sampler, the idle baseline and the replay trace.
/// </summary>
/// <remarks>
/// <para>Power is integrated by the trapezoid rule between accepted readings; the first accepted reading is held back to
/// the window's start (an opening read that failed loses no time). Counter readings are energy since the start: a reading
/// below the previous one is refused, never negative energy.</para>
/// <para>A reading that is not finite or is negative is refused, and so is one implying more than the integrator's
/// plausibility ceiling in watts. Each refused reading, and each failed read reported with <see cref="AddFault(ProbeFault)"/>,
/// counts as one fault of one <see cref="ProbeFault"/> kind; refused readings leave the energy unchanged.</para>
/// <para>Hot path: no allocation, no locks; one integrator belongs to one thread at a time.</para>
/// </remarks>
internal sealed class EnergyIntegrator
{
    /// <summary>
    /// The most power one probe is believed to measure: 100 kW, two orders of magnitude above any single CPU socket,
    /// GPU or set of DIMMs. A reading implying more is a fault (a corrupt counter, a unit error, a replay row of 1e308 W).
    /// </summary>
    public const double MaximumPlausibleWatts = 100_000;

    // A counter's rise is judged over at least this long, so a jump at the opening read cannot hide behind a zero interval.
    private const double MinimumJudgedSeconds = 0.001;

    private readonly int[] faultsByKind = new int[Enum.GetValues<ProbeFault>().Length];
    private readonly double plausibleWatts;
    private double joules;
    private double lastWatts;

    /// <summary>Creates an empty integrator for readings of <paramref name="kind"/>, accepting any finite reading ≥ 0.</summary>
    public EnergyIntegrator(ReadingKind kind)
        : this(kind, double.PositiveInfinity)
    {
    }

    /// <summary>Creates an empty integrator that also refuses readings implying more than <paramref name="plausibleWatts"/>.</summary>
    public EnergyIntegrator(ReadingKind kind, double plausibleWatts)
    {
        if (!(plausibleWatts > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(plausibleWatts), plausibleWatts, "The plausibility ceiling must be above 0 W.");
        }

        Kind = kind;
        this.plausibleWatts = plausibleWatts;
    }

    /// <summary>What the readings are.</summary>
    public ReadingKind Kind { get; }

    /// <summary>Energy integrated so far.</summary>
    public Joules Energy => new(joules);

    /// <summary>Readings accepted so far.</summary>
    public int Readings { get; private set; }

    /// <summary>Readings refused plus failed reads reported.</summary>
    public int Faults { get; private set; }

    /// <summary>Seconds since the window opened at the last accepted reading (0 before the first).</summary>
    public double LastSeconds { get; private set; }

    /// <summary>The energy of power moving linearly from <paramref name="fromWatts"/> to <paramref name="toWatts"/> over <paramref name="seconds"/>.</summary>
    public static double TrapezoidJoules(double fromWatts, double toWatts, double seconds) => 0.5 * (fromWatts + toWatts) * seconds;

    /// <summary>The energy of <paramref name="watts"/> held for <paramref name="seconds"/>.</summary>
    public static double HeldJoules(double watts, double seconds) => watts * seconds;

    /// <summary>Adds one reading.</summary>
    /// <param name="seconds">Seconds since the window opened; never less than the previous accepted reading's.</param>
    /// <param name="reading">Watts for <see cref="ReadingKind.Power"/>, joules since the start for <see cref="ReadingKind.EnergySinceStart"/>.</param>
    /// <returns><see langword="false"/> when the reading was refused (and counted as a fault).</returns>
    public bool Add(double seconds, double reading) => TryAdd(seconds, reading) is null;

    /// <summary>Adds one reading, saying why it was refused.</summary>
    /// <param name="seconds">Seconds since the window opened; never less than the previous accepted reading's.</param>
    /// <param name="reading">Watts for <see cref="ReadingKind.Power"/>, joules since the start for <see cref="ReadingKind.EnergySinceStart"/>.</param>
    /// <returns><see langword="null"/> when accepted, else the fault it was counted as.</returns>
    public ProbeFault? TryAdd(double seconds, double reading)
    {
        var refused = Judge(seconds, reading);
        if (refused is { } fault)
        {
            AddFault(fault);
            return fault;
        }

        if (Kind == ReadingKind.Power)
        {
            joules += Readings > 0 ? TrapezoidJoules(lastWatts, reading, seconds - LastSeconds) : HeldJoules(reading, seconds);
            lastWatts = reading;
        }
        else
        {
            joules = reading;
        }

        LastSeconds = seconds;
        Readings++;
        return null;
    }

    /// <summary>Counts a read that produced no reading at all (the probe returned false).</summary>
    public void AddFault() => AddFault(ProbeFault.ReadFailed);

    /// <summary>Counts a dropped reading of <paramref name="kind"/> (the probe threw, stalled, or returned false).</summary>
    public void AddFault(ProbeFault kind)
    {
        faultsByKind[(int)kind]++;
        Faults++;
    }

    /// <summary>Faults of one kind so far.</summary>
    public int FaultsOf(ProbeFault kind) => faultsByKind[(int)kind];

    private ProbeFault? Judge(double seconds, double reading)
    {
        if (!double.IsFinite(reading))
        {
            return ProbeFault.NotFinite;
        }

        if (reading < 0)
        {
            return ProbeFault.Negative;
        }

        if (Kind == ReadingKind.Power)
        {
            return reading > plausibleWatts ? ProbeFault.Implausible : null;
        }

        if (reading < joules)
        {
            return ProbeFault.CounterBackwards;
        }

        var judgedSeconds = Math.Max(seconds - LastSeconds, MinimumJudgedSeconds);
        return reading - joules > plausibleWatts * judgedSeconds ? ProbeFault.Implausible : null;
    }
}
