namespace EnergyFacts.Gates;

/// <summary>The machine a case was measured on, as far as it changes energy figures.</summary>
/// <param name="CpuModel">CPU model name, e.g. <c>AMD EPYC 7763 64-Core Processor</c>.</param>
/// <param name="GpuModel">GPU model name, or <see langword="null"/> when the case used none.</param>
/// <param name="LogicalCpus">Logical CPUs of the machine (≥ 1).</param>
/// <param name="OperatingSystem">Operating system, e.g. <c>Debian GNU/Linux 12 (bookworm)</c>.</param>
internal sealed record MachineDescription(string CpuModel, string? GpuModel, int LogicalCpus, string OperatingSystem)
{
    /// <summary>What differs from <paramref name="other"/>, e.g. <c>CPU 'A' → 'B'</c>; empty when the machines match.</summary>
    public IReadOnlyList<string> DifferencesFrom(MachineDescription other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var differences = new List<string>();
        Compare("CPU", other.CpuModel, CpuModel);
        Compare("GPU", other.GpuModel ?? "none", GpuModel ?? "none");
        Compare("logical CPUs", other.LogicalCpus.ToString(System.Globalization.CultureInfo.InvariantCulture), LogicalCpus.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare("OS", other.OperatingSystem, OperatingSystem);
        return differences;

        void Compare(string what, string before, string now)
        {
            if (!string.Equals(before, now, StringComparison.Ordinal))
            {
                differences.Add($"{what} '{before}' → '{now}'");
            }
        }
    }
}
