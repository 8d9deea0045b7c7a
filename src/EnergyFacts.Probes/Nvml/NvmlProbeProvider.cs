using System.Globalization;
using EnergyFacts.Probes.Platform;

namespace EnergyFacts.Probes.Nvml;

/// <summary>
/// <c>nvml</c>: NVIDIA GPU energy through our own P/Invoke of NVML: energy-counter deltas where the GPU has one
/// (<see cref="NvmlEnergyCounter"/>), integrated power samples otherwise (<see cref="NvmlPowerSensor"/>). Whole devices,
/// all processes on them. Devices: <c>ENERGYFACTS_GPUS</c>, else <c>CUDA_VISIBLE_DEVICES</c>, else all.
/// </summary>
internal sealed class NvmlProbeProvider : IProbeProvider
{
    /// <summary>Setting with the NVML library path (replaces the default names).</summary>
    public const string LibrarySetting = "ENERGYFACTS_NVML_LIBRARY";

    /// <summary>The auto rank: a hardware counter, after RAPL.</summary>
    public const int Rank = 20;

    private const string LibraryAllowed = "the path of libnvidia-ml.so.1 (Linux) or nvml.dll (Windows)";

    private static readonly ProbeSettingDefinition[] Definitions =
    [
        new(LibrarySetting,
            "NVML library loaded instead of the driver's default names.",
            "libnvidia-ml.so.1 on the loader path (Linux), nvml.dll in the system or NVSMI folder (Windows)",
            LibraryAllowed + "; a relative path is resolved against the base directory",
            value => SettingRules.PathProblem(LibrarySetting, value, LibraryAllowed)),
        new(GpuSelection.GpusSetting,
            "GPUs to measure, by NVML index (PCI bus order).",
            $"the GPUs in {GpuSelection.CudaSetting}, else every GPU",
            GpuSelection.GpusAllowed,
            GpuSelection.GpuListProblem),
        new(GpuSelection.CudaSetting,
            $"GPUs visible to CUDA; chooses the GPUs to measure when {GpuSelection.GpusSetting} is unset. Empty hides every GPU.",
            "every GPU",
            "CUDA's syntax: comma-separated indices or GPU- UUID prefixes; the list ends at the first other entry (e.g. -1)",
            // CUDA accepts anything and stops at what it cannot parse; refusing a value CUDA accepts would be wrong.
            static _ => null),
    ];

    private readonly HostOperatingSystem os;

    /// <summary>Creates the provider for this machine.</summary>
    public NvmlProbeProvider()
        : this(HostPlatform.Current)
    {
    }

    internal NvmlProbeProvider(HostOperatingSystem os)
    {
        this.os = os;
    }

    /// <inheritdoc/>
    public string Name => "nvml";

    /// <inheritdoc/>
    public string Syntax => "nvml";

    /// <inheritdoc/>
    public int? AutoRank => Rank;

    /// <inheritdoc/>
    public IReadOnlyList<ProbeSettingDefinition> Settings => Definitions;

    /// <inheritdoc/>
    public string? ValidateArgument(string? argument) =>
        string.IsNullOrWhiteSpace(argument) ? null
        : $"Probe 'nvml' takes no argument, found 'nvml:{argument}'. Choose GPUs with {GpuSelection.GpusSetting}=0,1 (NVML indices).";

    /// <inheritdoc/>
    public ProbeOffer Offer(string? argument, ProbeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (ValidateArgument(argument) is { } malformed)
        {
            throw new ProbeConfigurationException(malformed);
        }

        var selection = GpuSelection.FromSettings(settings);
        var configured = settings.Get(LibrarySetting);
        NvmlLibrary? library;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (Definitions[0].Validate(configured) is { } refused)
            {
                throw new ProbeConfigurationException(refused);
            }

            var path = settings.ResolvePath(configured.Trim());
            library = NvmlLibrary.TryLoad([path]) ?? throw new ProbeConfigurationException(
                $"{LibrarySetting} = '{configured}' could not be loaded as a shared library ({path}" +
                (File.Exists(path) ? " exists but is not a loadable library for this process)." : " does not exist).") +
                $" Allowed: {LibraryAllowed}.");
        }
        else
        {
            if (HostPlatform.NvmlUnsupportedReason(os) is { } unsupported)
            {
                return ProbeOffer.Unavailable(unsupported);
            }

            var candidates = NvmlLibrary.DefaultCandidates(os);
            library = NvmlLibrary.TryLoad(candidates);
            if (library is null)
            {
                return ProbeOffer.Unavailable(
                    $"no NVIDIA driver library ({string.Join(", ", candidates)} not found): no NVIDIA GPU or driver here, " +
                    $"or the library is outside the loader path (set {LibrarySetting} to its path; in containers use the NVIDIA container toolkit).");
            }
        }

        var missing = library.MissingRequiredFunctions;
        if (missing.Count > 0)
        {
            library.Dispose();
            return ProbeOffer.Unavailable(
                $"{library.Path} lacks {string.Join(", ", missing)}: " + NvmlError.Explanation(NvmlError.FunctionNotFound));
        }

        var rc = library.Init();
        if (rc != NvmlError.Success)
        {
            var reason = $"nvmlInit failed with {library.Describe(rc)}";
            library.Dispose();
            return ProbeOffer.Unavailable(reason);
        }

        var session = new NvmlSession(library);
        session.AddReference(); // held until the probes are built, so a failure below shuts NVML down exactly once
        var probes = new List<IPowerProbe>();
        try
        {
            var outcome = CreateProbes(session, selection, probes);
            if (outcome is not null)
            {
                foreach (var probe in probes)
                {
                    probe.Dispose();
                }

                return ProbeOffer.Unavailable(outcome);
            }

            return new ProbeOffer(probes, null);
        }
        finally
        {
            session.Release();
        }
    }

    /// <returns>Null on success, else why no probe could be offered.</returns>
    private static string? CreateProbes(NvmlSession session, GpuSelection selection, List<IPowerProbe> probes)
    {
        var library = session.Library;
        var rc = library.GetCount(out var count);
        if (rc != NvmlError.Success)
        {
            return $"nvmlDeviceGetCount failed with {library.Describe(rc)}";
        }

        if (count == 0)
        {
            return "NVML is loaded but reports no GPUs.";
        }

        var devices = new List<(uint Index, nint Handle)>();
        if (selection.Entries is null)
        {
            for (uint i = 0; i < count; i++)
            {
                rc = library.GetHandleByIndex(i, out var h);
                if (rc != NvmlError.Success)
                {
                    return $"GPU {i.ToString(CultureInfo.InvariantCulture)}: nvmlDeviceGetHandleByIndex failed with {library.Describe(rc)} " +
                        $"Exclude it with {GpuSelection.GpusSetting}.";
                }

                devices.Add((i, h));
            }
        }
        else
        {
            if (selection.Entries.Count == 0)
            {
                return $"{selection.Origin} = '{selection.RawValue}' makes no GPU visible.";
            }

            foreach (var entry in selection.Entries)
            {
                var resolved = Resolve(library, count, entry, selection);
                if (resolved.Error is not null)
                {
                    return resolved.Error;
                }

                if (devices.All(d => d.Index != resolved.Index))
                {
                    devices.Add((resolved.Index, resolved.Handle));
                }
            }
        }

        var order = selection.Origin == GpuSelection.CudaSetting
            ? $"; chosen by {GpuSelection.CudaSetting} (indices are NVML's PCI-bus order, equal to CUDA's only with CUDA_DEVICE_ORDER=PCI_BUS_ID)"
            : selection.Entries is null ? "" : $"; chosen by {GpuSelection.GpusSetting}";
        foreach (var (index, handle) in devices)
        {
            var label = "GPU " + index.ToString(CultureInfo.InvariantCulture);
            rc = library.GetName(handle, out var name);
            if (rc != NvmlError.Success)
            {
                return $"{label}: nvmlDeviceGetName failed with {library.Describe(rc)}";
            }

            library.GetUuid(handle, out var uuid);
            var device = new NvmlDevice(index, handle, name, uuid);
            rc = library.GetTotalEnergyMillijoules(handle, out _);
            if (rc == NvmlError.Success)
            {
                probes.Add(new NvmlEnergyCounter(session, device,
                    $"NVML energy counter (nvmlDeviceGetTotalEnergyConsumption deltas, mJ) of {label} '{name}', whole device, all processes; " +
                    $"counter assumed to update every {NvmlGpuProbe.UpdatePeriod.TotalMilliseconds:0} ms{order}"));
                continue;
            }

            if (rc is not (NvmlError.NotSupported or NvmlError.FunctionNotFound))
            {
                return $"{label} '{name}': nvmlDeviceGetTotalEnergyConsumption failed with {library.Describe(rc)}";
            }

            var energyRc = rc;
            rc = library.GetPowerMilliwatts(handle, out _);
            if (rc != NvmlError.Success)
            {
                return $"{label} '{name}' has no energy counter ({NvmlError.Name(energyRc)}) and nvmlDeviceGetPowerUsage failed with {library.Describe(rc)}";
            }

            probes.Add(new NvmlPowerSensor(session, device,
                $"NVML power samples (nvmlDeviceGetPowerUsage, mW) of {label} '{name}' integrated by the sampler, whole device, all processes; " +
                $"no energy counter on this GPU ({NvmlError.Name(energyRc)}); Ampere and newer report a 1 s average{order}"));
        }

        return null;
    }

    private static (uint Index, nint Handle, string? Error) Resolve(NvmlLibrary library, uint count, string entry, GpuSelection selection)
    {
        if (uint.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            if (index >= count)
            {
                var message = $"{selection.Origin} = '{selection.RawValue}': GPU index {entry} does not exist; NVML reports {count.ToString(CultureInfo.InvariantCulture)} GPU(s), indices 0–{(count - 1).ToString(CultureInfo.InvariantCulture)}.";
                if (selection.Origin == GpuSelection.GpusSetting)
                {
                    throw new ProbeConfigurationException(message);
                }

                return (0, 0, message);
            }

            var rc = library.GetHandleByIndex(index, out var h);
            return rc == NvmlError.Success
                ? (index, h, null)
                : (0, 0, $"GPU {entry}: nvmlDeviceGetHandleByIndex failed with {library.Describe(rc)}");
        }

        // A UUID (CUDA accepts unique prefixes too): exact lookup first, then a prefix scan over all devices.
        if (library.GetHandleByUuid(entry, out var byUuid) == NvmlError.Success)
        {
            for (uint i = 0; i < count; i++)
            {
                if (library.GetHandleByIndex(i, out var h) == NvmlError.Success && h == byUuid)
                {
                    return (i, h, null);
                }
            }
        }

        var matches = new List<(uint, nint)>();
        for (uint i = 0; i < count; i++)
        {
            if (library.GetHandleByIndex(i, out var h) == NvmlError.Success
                && library.GetUuid(h, out var uuid) == NvmlError.Success
                && uuid.StartsWith(entry, StringComparison.OrdinalIgnoreCase))
            {
                matches.Add((i, h));
            }
        }

        return matches.Count == 1
            ? (matches[0].Item1, matches[0].Item2, null)
            : (0, 0, $"{selection.Origin} = '{selection.RawValue}': '{entry}' matches {matches.Count.ToString(CultureInfo.InvariantCulture)} GPU UUIDs; it must match exactly one.");
    }
}
