namespace EnergyFacts.Probes.Integration;

/// <summary>Why a reading was dropped. Every dropped reading counts as one fault of exactly one kind.</summary>
internal enum ProbeFault
{
    /// <summary>The probe said no valid reading could be taken (its <c>TryRead…</c> returned <see langword="false"/>).</summary>
    ReadFailed,

    /// <summary>The read threw (a vanished file, a lost GPU, a disposed probe).</summary>
    Threw,

    /// <summary>The reading was NaN or infinite.</summary>
    NotFinite,

    /// <summary>The reading was negative.</summary>
    Negative,

    /// <summary>The reading implies more power than one probe can plausibly measure (<see cref="EnergyIntegrator.MaximumPlausibleWatts"/>).</summary>
    Implausible,

    /// <summary>A cumulative counter read below its previous reading: it was reset (or wrapped unseen).</summary>
    CounterBackwards,

    /// <summary>The read did not answer within its deadline (or an earlier read of the probe still had not); the reading was abandoned.</summary>
    Stalled,
}
