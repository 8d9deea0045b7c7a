using System.Globalization;
using System.Text.RegularExpressions;

namespace EnergyFacts.Probes.Rapl;

/// <summary>
/// The RAPL zones under a powercap root and which of them are counted, with a note for each one left out.
/// </summary>
/// <remarks>
/// Counted: every <c>package-N</c> zone (→ CPU) and every <c>dram</c> zone (→ RAM). Never counted: <c>core</c> and
/// <c>uncore</c> (inside the package, would double count) and <c>psys</c> (the platform zone contains the packages, so
/// adding it to CPU would double count; it is only reported). When the same domain appears under both
/// <c>intel-rapl</c> and <c>intel-rapl-mmio</c>, the MMIO zone is used, as CodeCarbon does, and the other is left out.
/// </remarks>
internal sealed partial class PowercapScan
{
    private PowercapScan(string root, IReadOnlyList<RaplZone> all, IReadOnlyList<RaplZone> counted, IReadOnlyList<string> notes)
    {
        Root = root;
        AllZones = all;
        CountedZones = counted;
        Notes = notes;
    }

    /// <summary>The powercap root scanned.</summary>
    public string Root { get; }

    /// <summary>Every zone found.</summary>
    public IReadOnlyList<RaplZone> AllZones { get; }

    /// <summary>The zones whose energy is counted (packages and DRAM, one interface each).</summary>
    public IReadOnlyList<RaplZone> CountedZones { get; }

    /// <summary>Why each other zone is not counted.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The platform (<c>psys</c>) zone, when there is one; reported, not counted.</summary>
    public RaplZone? Psys => AllZones.FirstOrDefault(z => z.Kind == RaplZoneKind.Psys);

    /// <summary>Scans <paramref name="root"/> (flat <c>/sys/class/powercap</c> layout or nested <c>/sys/devices/virtual/powercap</c>).</summary>
    public static PowercapScan Scan(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var notes = new List<string>();
        var directories = new Dictionary<string, string>(StringComparer.Ordinal);
        Collect(root, 0, directories);

        // Names first, so subzones can name their parent.
        var parsed = new List<(string Id, string Prefix, int Index, int? SubIndex, string Dir, string Name)>();
        foreach (var (id, dir) in directories.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var match = ZoneIdPattern().Match(id);
            var name = ReadSmallText(Path.Combine(dir, "name"));
            if (name is null)
            {
                notes.Add($"{id}: no readable 'name' file; skipped.");
                continue;
            }

            int? sub = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : null;
            parsed.Add((id, match.Groups[1].Value, int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), sub, dir, name));
        }

        var zones = new List<RaplZone>();
        foreach (var p in parsed)
        {
            string? parentName = null;
            if (p.SubIndex is not null)
            {
                var parent = parsed.FirstOrDefault(q => q.Prefix == p.Prefix && q.Index == p.Index && q.SubIndex is null);
                parentName = parent.Name ?? $"{p.Prefix}:{p.Index.ToString(CultureInfo.InvariantCulture)}";
            }

            var kind = p.Name switch
            {
                "psys" => RaplZoneKind.Psys,
                "dram" => RaplZoneKind.Dram,
                "core" => RaplZoneKind.Core,
                "uncore" => RaplZoneKind.Uncore,
                _ when p.Name.StartsWith("package-", StringComparison.Ordinal) => RaplZoneKind.Package,
                _ => RaplZoneKind.Other,
            };
            var iface = p.Prefix == "intel-rapl-mmio" ? RaplInterface.Mmio : RaplInterface.Msr;
            zones.Add(new RaplZone(p.Id, p.Name, kind, iface, p.Dir, parentName, ReadRange(p.Dir)));
        }

        var counted = new List<RaplZone>();
        foreach (var group in zones.GroupBy(z => (z.Kind, z.DomainName)))
        {
            var kind = group.Key.Kind;
            if (kind is RaplZoneKind.Core or RaplZoneKind.Uncore)
            {
                foreach (var z in group)
                {
                    notes.Add($"{z.ZoneId} ({z.DomainName}): inside its package; not added (would double count).");
                }

                continue;
            }

            if (kind == RaplZoneKind.Psys)
            {
                foreach (var z in group)
                {
                    notes.Add($"{z.ZoneId} (psys, platform): reported, not added to cpu (it contains the packages; adding it would double count).");
                }

                continue;
            }

            if (kind == RaplZoneKind.Other)
            {
                foreach (var z in group)
                {
                    notes.Add($"{z.ZoneId} ('{z.Name}'): unknown zone name; not counted.");
                }

                continue;
            }

            var withCounter = group.Where(z => File.Exists(z.EnergyFile) || Directory.Exists(z.EnergyFile)).ToList();
            if (withCounter.Count == 0)
            {
                notes.Add($"{group.First().ZoneId} ({group.Key.DomainName}): no energy_uj file; not counted.");
                continue;
            }

            // One interface per domain: MMIO when present (CodeCarbon's preference), never both.
            var chosen = withCounter.FirstOrDefault(z => z.Interface == RaplInterface.Mmio) ?? withCounter[0];
            counted.Add(chosen);
            foreach (var other in withCounter.Where(z => !ReferenceEquals(z, chosen)))
            {
                notes.Add($"{other.ZoneId} ({other.DomainName}): duplicate of {chosen.ZoneId}; counted once, through {chosen.ZoneId}.");
            }
        }

        counted.Sort((a, b) => string.CompareOrdinal(a.ZoneId, b.ZoneId));
        return new PowercapScan(root, zones, counted, notes);
    }

    private static void Collect(string directory, int depth, Dictionary<string, string> found)
    {
        IEnumerable<string> children;
        try
        {
            children = Directory.EnumerateDirectories(directory).ToList();
        }
        catch (IOException)
        {
            return;
        }
        catch (UnauthorizedAccessException)
        {
            return;
        }

        foreach (var child in children)
        {
            var name = Path.GetFileName(child);
            if (ZoneIdPattern().IsMatch(name))
            {
                found.TryAdd(name, child);
            }

            // Nested layout: /sys/devices/virtual/powercap/intel-rapl/intel-rapl:0/intel-rapl:0:0.
            if (depth < 2 && (name is "intel-rapl" or "intel-rapl-mmio" || ZoneIdPattern().IsMatch(name)))
            {
                Collect(child, depth + 1, found);
            }
        }
    }

    private static ulong? ReadRange(string zoneDirectory)
    {
        var text = ReadSmallText(Path.Combine(zoneDirectory, "max_energy_range_uj"));
        return text is not null && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var range) && range > 0
            ? range
            : null;
    }

    private static string? ReadSmallText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^(intel-rapl|intel-rapl-mmio):([0-9]+)(?::([0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneIdPattern();
}
