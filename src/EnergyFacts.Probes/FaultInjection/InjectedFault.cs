namespace EnergyFacts.Probes.FaultInjection;

/// <summary>A misbehaviour a <see cref="FaultSchedule"/> can make a wrapped probe show on one read.</summary>
internal enum InjectedFault
{
    /// <summary>The read throws an <see cref="IOException"/>, as a vanished sysfs file or a lost GPU does.</summary>
    Throw,

    /// <summary>The read blocks for the schedule's stall time (or until the probe is disposed), then answers normally.</summary>
    Stall,

    /// <summary>The read returns NaN.</summary>
    NotANumber,

    /// <summary>The read returns +∞.</summary>
    Infinity,

    /// <summary>The read returns −1 (watts or joules).</summary>
    Negative,

    /// <summary>The read returns 1e12 (watts, or joules on top of the true counter): finite, positive and absurd.</summary>
    Absurd,

    /// <summary>Counters only: the counter restarts from zero here, and every later read is relative to this point.</summary>
    CounterReset,

    /// <summary>The probe disappears: this read and every later one throws <see cref="ObjectDisposedException"/>.</summary>
    Vanish,
}
