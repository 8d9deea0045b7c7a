namespace EnergyFacts.Probes.Integration;

/// <summary>What the numbers fed to an <see cref="EnergyIntegrator"/> are.</summary>
internal enum ReadingKind
{
    /// <summary>Power in watts at an instant (a sensor): integrated over time by the trapezoid rule.</summary>
    Power,

    /// <summary>Energy in joules since the window opened (a cumulative counter): the last good reading is the energy.</summary>
    EnergySinceStart,
}
