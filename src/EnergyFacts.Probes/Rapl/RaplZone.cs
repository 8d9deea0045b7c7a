namespace EnergyFacts.Probes.Rapl;

/// <summary>What a powercap RAPL zone measures, from its <c>name</c> file.</summary>
internal enum RaplZoneKind
{
    /// <summary><c>package-N</c>: a whole CPU socket (cores, uncore, and on some parts DRAM controller).</summary>
    Package,

    /// <summary><c>dram</c>: memory attached to a package (Intel servers; absent on AMD).</summary>
    Dram,

    /// <summary><c>psys</c>: the whole platform (SoC + more) on client parts; contains the packages.</summary>
    Psys,

    /// <summary><c>core</c> (PP0): inside the package; never added.</summary>
    Core,

    /// <summary><c>uncore</c> (PP1, integrated GPU): inside the package; never added.</summary>
    Uncore,

    /// <summary>Any other name.</summary>
    Other,
}

/// <summary>Which kernel driver exposes the zone.</summary>
internal enum RaplInterface
{
    /// <summary><c>intel-rapl:*</c>, read from MSRs (Intel and AMD).</summary>
    Msr,

    /// <summary><c>intel-rapl-mmio:*</c>, read through memory-mapped registers; duplicates an MSR zone.</summary>
    Mmio,
}

/// <summary>One zone found under the powercap root.</summary>
/// <param name="ZoneId">Directory name, e.g. <c>intel-rapl:0</c> or <c>intel-rapl:0:2</c>.</param>
/// <param name="Name">Content of its <c>name</c> file, e.g. <c>package-0</c>, <c>dram</c>.</param>
/// <param name="Kind">What it measures.</param>
/// <param name="Interface">MSR or MMIO driver.</param>
/// <param name="Directory">Full path of the zone directory.</param>
/// <param name="ParentName">For a subzone, the parent zone's <c>name</c> (e.g. <c>package-0</c>); otherwise null.</param>
/// <param name="MaxEnergyRangeMicrojoules">The counter's range from <c>max_energy_range_uj</c>; null when missing or unreadable.</param>
internal sealed record RaplZone(
    string ZoneId,
    string Name,
    RaplZoneKind Kind,
    RaplInterface Interface,
    string Directory,
    string? ParentName,
    ulong? MaxEnergyRangeMicrojoules)
{
    /// <summary>Path of the zone's <c>energy_uj</c> counter.</summary>
    public string EnergyFile => Path.Combine(Directory, "energy_uj");

    /// <summary>Name that identifies the measured domain across interfaces, e.g. <c>package-0</c> or <c>package-0/dram</c>.</summary>
    public string DomainName => ParentName is null ? Name : ParentName + "/" + Name;

    /// <summary>Whether this is a top-level zone (<c>intel-rapl:N</c>) rather than a subzone (<c>intel-rapl:N:M</c>).</summary>
    public bool IsTopLevel => ParentName is null;
}
