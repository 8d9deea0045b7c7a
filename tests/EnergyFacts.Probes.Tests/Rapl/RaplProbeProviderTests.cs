using EnergyFacts.Probes.Platform;
using EnergyFacts.Probes.Rapl;

namespace EnergyFacts.Probes.Tests.Rapl;

public sealed class RaplProbeProviderTests
{
    private static RaplProbeProvider LinuxProvider(ICounterFileOpener? opener = null) =>
        new(HostOperatingSystem.Linux, opener ?? SysfsCounterFileOpener.Instance);

    private static List<RaplEnergyCounter> Offer(FakePowercapTree tree, ICounterFileOpener? opener = null)
    {
        var offer = LinuxProvider(opener).Offer(null, tree.Settings);
        Assert.True(offer.Probes.Count > 0, offer.UnavailableReason);
        return [.. offer.Probes.Cast<RaplEnergyCounter>()];
    }

    [Fact]
    public void Intel_two_socket_tree_counts_both_packages_and_both_dram_zones_but_not_core_uncore_or_psys()
    {
        LinuxOnly.Require();
        using var tree = FakePowercapTree.IntelTwoSocket();
        var probes = Offer(tree);
        try
        {
            Assert.Equal(
                ["rapl:package-0", "rapl:package-0/dram", "rapl:package-1", "rapl:package-1/dram"],
                probes.Select(p => p.Descriptor.Id).Order(StringComparer.Ordinal));
            Assert.Equal(2, probes.Count(p => p.Descriptor.Component == PowerComponent.Cpu));
            Assert.Equal(2, probes.Count(p => p.Descriptor.Component == PowerComponent.Ram));
            Assert.All(probes, p => Assert.Equal(EnergySource.Measured, p.Descriptor.Source));
            Assert.All(probes, p => Assert.Equal(TimeSpan.FromMilliseconds(1), p.Descriptor.MinimumUpdatePeriod));
            Assert.Contains("psys", probes[0].Descriptor.Legend, StringComparison.Ordinal);
            Assert.Contains("not added", probes[0].Descriptor.Legend, StringComparison.Ordinal);

            var scan = PowercapScan.Scan(tree.Root);
            Assert.Equal("intel-rapl:2", scan.Psys?.ZoneId);
            Assert.Contains(scan.Notes, n => n.StartsWith("intel-rapl:0:0 (package-0/core)", StringComparison.Ordinal));
            Assert.Contains(scan.Notes, n => n.StartsWith("intel-rapl:0:1 (package-0/uncore)", StringComparison.Ordinal));
            Assert.Contains(scan.Notes, n => n.StartsWith("intel-rapl:2 (psys", StringComparison.Ordinal));
        }
        finally
        {
            probes.ForEach(p => p.Dispose());
        }
    }

    [Fact]
    public void Intel_tree_energy_is_the_exact_sum_of_microjoule_deltas_per_zone()
    {
        LinuxOnly.Require();
        using var tree = FakePowercapTree.IntelTwoSocket();
        var probes = Offer(tree);
        try
        {
            probes.ForEach(p => p.Start());
            tree.SetEnergy("intel-rapl:0", 1_000_000 + 12_345_678);
            tree.SetEnergy("intel-rapl:1", 2_000_000 + 7_000_001);
            tree.SetEnergy("intel-rapl:0:0", 99_000_000); // core: must not leak into package totals
            tree.SetEnergy("intel-rapl:2", 999_000_000); // psys: likewise
            var energies = probes.ToDictionary(p => p.Descriptor.Id, p =>
            {
                Assert.True(p.TryReadEnergy(TimeSpan.FromSeconds(1), out var e));
                return e;
            });
            Assert.Equal(Joules.FromMicrojoules(12_345_678), energies["rapl:package-0"]);
            Assert.Equal(Joules.FromMicrojoules(7_000_001), energies["rapl:package-1"]);
            Assert.Equal(Joules.Zero, energies["rapl:package-0/dram"]);
        }
        finally
        {
            probes.ForEach(p => p.Dispose());
        }
    }

    [Fact]
    public void Amd_style_tree_named_intel_rapl_gives_one_package_and_no_dram()
    {
        LinuxOnly.Require();
        using var tree = FakePowercapTree.AmdOneSocket();
        var probes = Offer(tree);
        try
        {
            var probe = Assert.Single(probes);
            Assert.Equal("rapl:package-0", probe.Descriptor.Id);
            Assert.Equal(PowerComponent.Cpu, probe.Descriptor.Component);
            Assert.Contains("65532.610987 J", probe.Descriptor.Legend, StringComparison.Ordinal);
        }
        finally
        {
            probes.ForEach(p => p.Dispose());
        }
    }

    [Fact]
    public void Mmio_duplicate_of_a_package_is_read_once_through_mmio()
    {
        LinuxOnly.Require();
        using var tree = new FakePowercapTree();
        tree.AddZone("intel-rapl:0", "package-0", 10_000_000);
        tree.AddZone("intel-rapl-mmio:0", "package-0", 20_000_000);
        var probes = Offer(tree);
        try
        {
            var probe = Assert.Single(probes);
            Assert.Equal("intel-rapl-mmio:0", probe.Zone.ZoneId);
            Assert.Contains("MMIO", probe.Descriptor.Legend, StringComparison.Ordinal);
            probe.Start();
            tree.SetEnergy("intel-rapl-mmio:0", 23_000_000);
            tree.SetEnergy("intel-rapl:0", 50_000_000);
            Assert.True(probe.TryReadEnergy(TimeSpan.FromSeconds(1), out var energy));
            Assert.Equal(new Joules(3), energy);
            Assert.Contains(PowercapScan.Scan(tree.Root).Notes,
                n => n.Contains("duplicate of intel-rapl-mmio:0", StringComparison.Ordinal));
        }
        finally
        {
            probes.ForEach(p => p.Dispose());
        }
    }

    [Fact]
    public void Nested_devices_virtual_layout_is_found()
    {
        LinuxOnly.Require();
        using var outer = new FakePowercapTree();
        var nested = Path.Combine(outer.Root, "intel-rapl", "intel-rapl:0");
        Directory.CreateDirectory(Path.Combine(nested, "intel-rapl:0:0"));
        File.WriteAllText(Path.Combine(nested, "name"), "package-0\n");
        File.WriteAllText(Path.Combine(nested, "energy_uj"), "42\n");
        File.WriteAllText(Path.Combine(nested, "intel-rapl:0:0", "name"), "dram\n");
        File.WriteAllText(Path.Combine(nested, "intel-rapl:0:0", "energy_uj"), "7\n");
        var scan = PowercapScan.Scan(outer.Root);
        Assert.Equal(["intel-rapl:0", "intel-rapl:0:0"], scan.CountedZones.Select(z => z.ZoneId));
        Assert.Equal("package-0/dram", scan.CountedZones[1].DomainName);
    }

    [Fact]
    public void Directory_in_place_of_energy_uj_is_reported_unreadable_with_the_permission_remedy()
    {
        // Tests run as root, so mode 0400 cannot make a file unreadable here; a directory fails to open the same way (EACCES-like).
        LinuxOnly.Require();
        using var tree = new FakePowercapTree();
        var zone = tree.AddZone("intel-rapl:0", "package-0", 1);
        File.Delete(Path.Combine(zone, "energy_uj"));
        Directory.CreateDirectory(Path.Combine(zone, "energy_uj"));
        var offer = LinuxProvider().Offer(null, tree.Settings);
        Assert.Empty(offer.Probes);
        Assert.Contains(Path.Combine(zone, "energy_uj") + " (permission denied)", offer.UnavailableReason, StringComparison.Ordinal);
        AssertPermissionRemedy(offer.UnavailableReason);
    }

    [Fact]
    public void Simulated_permission_denied_from_the_opener_is_reported_with_the_remedy_and_nothing_stays_open()
    {
        LinuxOnly.Require();
        using var tree = FakePowercapTree.IntelTwoSocket();
        var opener = new ScriptedOpener { DenyPathsContaining = "intel-rapl:1/" };
        var offer = LinuxProvider(opener).Offer(null, tree.Settings);
        Assert.Empty(offer.Probes);
        Assert.Contains("intel-rapl:1/energy_uj (permission denied)", offer.UnavailableReason, StringComparison.Ordinal);
        AssertPermissionRemedy(offer.UnavailableReason);
        Assert.Equal(opener.Opened, opener.Disposed);
        Assert.True(opener.Opened > 0);
    }

    private static void AssertPermissionRemedy(string? reason)
    {
        Assert.Contains("CVE-2020-8694", reason, StringComparison.Ordinal);
        Assert.Contains("mode class/powercap/intel-rapl:0/energy_uj = 0444", reason, StringComparison.Ordinal);
        Assert.Contains("udev", reason, StringComparison.Ordinal);
        Assert.Contains("group", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(HostOperatingSystem.Windows), "Windows is not supported")]
    [InlineData(nameof(HostOperatingSystem.MacOS), "macOS is not supported")]
    public void Default_root_on_an_unsupported_platform_names_the_platform(string osName, string expected)
    {
        var os = Enum.Parse<HostOperatingSystem>(osName); // internal enum: public theories take its name
        var offer = new RaplProbeProvider(os, SysfsCounterFileOpener.Instance).Offer(null, ProbeSettings.Empty);
        Assert.Empty(offer.Probes);
        Assert.Contains(expected, offer.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_root_directory_in_the_setting_is_a_configuration_error_naming_the_value()
    {
        var settings = new ProbeSettings([new("ENERGYFACTS_POWERCAP_ROOT", "/nonexistent/powercap")], "/");
        var ex = Assert.Throws<ProbeConfigurationException>(() => LinuxProvider().Offer(null, settings));
        Assert.Contains("ENERGYFACTS_POWERCAP_ROOT = '/nonexistent/powercap'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tree_with_only_psys_is_unavailable_and_lists_what_was_found()
    {
        LinuxOnly.Require();
        using var tree = new FakePowercapTree();
        tree.AddZone("intel-rapl:0", "psys", 1);
        var offer = LinuxProvider().Offer(null, tree.Settings);
        Assert.Empty(offer.Probes);
        Assert.Contains("no RAPL package zone", offer.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("intel-rapl:0 (psys)", offer.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_argument_is_rejected_with_the_allowed_form()
    {
        var ex = Assert.Throws<ProbeConfigurationException>(() => LinuxProvider().Offer("psys", ProbeSettings.Empty));
        Assert.Contains("'rapl:psys'", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Opens real files, but can deny some paths (as EACCES would) and counts handles.</summary>
    internal sealed class ScriptedOpener : ICounterFileOpener
    {
        public string? DenyPathsContaining { get; init; }

        public int Opened { get; private set; }

        public int Disposed { get; private set; }

        public ICounterFile Open(string path)
        {
            if (DenyPathsContaining is not null && path.Contains(DenyPathsContaining, StringComparison.Ordinal))
            {
                throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.");
            }

            Opened++;
            return new CountingFile(new SysfsCounterFile(path), () => Disposed++);
        }

        private sealed class CountingFile(ICounterFile inner, Action onDispose) : ICounterFile
        {
            public bool TryRead(out ulong value) => inner.TryRead(out value);

            public void Dispose()
            {
                inner.Dispose();
                onDispose();
            }
        }
    }
}
