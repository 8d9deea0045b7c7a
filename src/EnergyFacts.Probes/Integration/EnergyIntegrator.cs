namespace EnergyFacts.Probes.Integration;

/// <summary>
/// The energy of one probe over a window, from (seconds since the window opened, reading) pairs: the one place where
/// readings become joules, used by the sampler, the idle baseline and the replay trace.
/// </summary>
/// <remarks>
/// <para>Power is integrated by the trapezoid rule between accepted readings; the first accepted reading is held back to
/// the window's start (an opening read that failed loses no time). Counter readings are energy since the start: a reading
/// below the previous one is refused, never negative energy.</para>
/// <para>A reading that is not finite or is negative is refused. Each refused reading, and each failed read reported
/// with <see cref="AddFault"/>, counts as one fault; refused readings leave the energy unchanged.</para>
/// <para>Hot path: no allocation, no locks; one integrator belongs to one thread at a time.</para>
/// </remarks>
internal sealed class EnergyIntegrator
{
    private double joules;
    private double lastWatts;

    /// <summary>Creates an empty integrator for readings of <paramref name="kind"/>.</summary>
    public EnergyIntegrator(ReadingKind kind)
    {
        Kind = kind;
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
    public bool Add(double seconds, double reading)
    {
        if (!double.IsFinite(reading) || reading < 0)
        {
            Faults++;
            return false;
        }

        if (Kind == ReadingKind.Power)
        {
            joules += Readings > 0 ? TrapezoidJoules(lastWatts, reading, seconds - LastSeconds) : HeldJoules(reading, seconds);
            lastWatts = reading;
        }
        else
        {
            if (reading < joules)
            {
                Faults++;
                return false;
            }

            joules = reading;
        }

        LastSeconds = seconds;
        Readings++;
        return true;
    }

    /// <summary>Counts a read that produced no reading at all (the probe returned false or threw).</summary>
    public void AddFault() => Faults++;
}
