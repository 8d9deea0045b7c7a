namespace EnergyFacts.Probes;

/// <summary>The hardware component whose power a probe reports; the CodeCarbon columns are split the same way.</summary>
public enum PowerComponent
{
    /// <summary>CPU package(s).</summary>
    Cpu,

    /// <summary>GPU device(s).</summary>
    Gpu,

    /// <summary>Main memory (DRAM).</summary>
    Ram,
}
