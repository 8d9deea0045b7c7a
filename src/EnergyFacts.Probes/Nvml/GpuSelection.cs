using System.Globalization;

namespace EnergyFacts.Probes.Nvml;

/// <summary>Which GPUs to measure, from <c>ENERGYFACTS_GPUS</c> or <c>CUDA_VISIBLE_DEVICES</c>.</summary>
/// <param name="Entries">Indices (as text) or UUIDs, in order; null means every GPU.</param>
/// <param name="Origin">Which setting produced the list (for legends and errors).</param>
/// <param name="RawValue">The setting's text.</param>
internal sealed record GpuSelection(IReadOnlyList<string>? Entries, string Origin, string RawValue)
{
    public const string GpusSetting = "ENERGYFACTS_GPUS";
    public const string CudaSetting = "CUDA_VISIBLE_DEVICES";

    public const string GpusAllowed = "comma-separated NVML indices such as 0,1";

    /// <summary>Why an <c>ENERGYFACTS_GPUS</c> value is refused, or null; blank means unset and is accepted.</summary>
    public static string? GpuListProblem(string value)
    {
        foreach (var entry in Split(value))
        {
            if (!uint.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return $"{GpusSetting} = '{value}': '{entry}' is not a GPU index. Allowed: {GpusAllowed}.";
            }
        }

        return null;
    }

    public static GpuSelection FromSettings(ProbeSettings settings)
    {
        var explicitList = settings.Get(GpusSetting);
        if (!string.IsNullOrWhiteSpace(explicitList))
        {
            if (GpuListProblem(explicitList) is { } refused)
            {
                throw new ProbeConfigurationException(refused);
            }

            return new GpuSelection(Split(explicitList), GpusSetting, explicitList);
        }

        var cuda = settings.Get(CudaSetting);
        if (cuda is not null)
        {
            // CUDA stops at the first entry it cannot parse (e.g. -1 hides everything after it).
            var entries = new List<string>();
            foreach (var entry in Split(cuda))
            {
                var isIndex = uint.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out _);
                if (!isIndex && !entry.StartsWith("GPU-", StringComparison.OrdinalIgnoreCase))
                {
                    break;
                }

                entries.Add(entry);
            }

            return new GpuSelection(entries, CudaSetting, cuda);
        }

        return new GpuSelection(null, "all GPUs", "");
    }

    private static List<string> Split(string text) =>
        [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
