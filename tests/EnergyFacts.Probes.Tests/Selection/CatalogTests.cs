using EnergyFacts.Probes.Tests.Rapl;

namespace EnergyFacts.Probes.Tests.Selection;

public sealed class CatalogTests
{
    [Fact]
    public void Default_providers_rank_hardware_counters_before_estimators()
    {
        var ranked = DefaultProbeProviders.All.Where(p => p.AutoRank is not null).OrderBy(p => p.AutoRank).Select(p => p.Name);
        Assert.Equal(["rapl", "nvml", "cpu-model", "ram-model"], ranked);
        Assert.Equal(["rapl", "nvml", "cpu-model", "ram-model", "constant", "replay"], DefaultProbeProviders.All.Select(p => p.Name));
    }

    [Fact]
    public void Auto_picks_rapl_over_cpu_model_when_a_readable_tree_is_provided()
    {
        LinuxOnly.Require();
        using var tree = FakePowercapTree.AmdOneSocket();
        using var selection = DefaultProbeProviders.CreateCatalog().Select("auto", tree.Settings);
        var cpu = Assert.Single(selection.Probes, p => p.Descriptor.Component == PowerComponent.Cpu);
        Assert.Equal("rapl:package-0", cpu.Descriptor.Id);
        Assert.Contains("auto: cpu ← rapl", selection.Notes);
        Assert.Contains("auto: ram ← ram-model", selection.Notes); // AMD trees have no DRAM zone
        Assert.Contains(selection.Notes, n => n.StartsWith("auto: nvml unavailable: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Auto_takes_dram_from_rapl_when_the_tree_has_it()
    {
        LinuxOnly.Require();
        using var tree = FakePowercapTree.IntelTwoSocket();
        using var selection = DefaultProbeProviders.CreateCatalog().Select("auto", tree.Settings);
        Assert.All(selection.Probes.Where(p => p.Descriptor.Component != PowerComponent.Gpu),
            p => Assert.StartsWith("rapl:", p.Descriptor.Id, StringComparison.Ordinal));
        Assert.Contains("auto: ram ← rapl", selection.Notes);
    }

    [Fact]
    public void Auto_falls_back_to_the_estimators_with_a_note_when_rapl_has_no_zones()
    {
        LinuxOnly.Require();
        using var tree = new FakePowercapTree(); // exists, but empty
        using var selection = DefaultProbeProviders.CreateCatalog().Select("auto", tree.Settings);
        Assert.Equal("cpu-model", Assert.Single(selection.Probes, p => p.Descriptor.Component == PowerComponent.Cpu).Descriptor.Id);
        Assert.Equal(EnergySource.Estimated, selection.Probes.Single(p => p.Descriptor.Component == PowerComponent.Cpu).Descriptor.Source);
        Assert.Contains(selection.Notes, n => n.StartsWith("auto: rapl unavailable: ", StringComparison.Ordinal)
            && n.Contains("no RAPL package zone", StringComparison.Ordinal));
        Assert.Contains("auto: cpu ← cpu-model", selection.Notes);
    }

    [Fact]
    public void Auto_turns_a_bad_powercap_root_setting_into_a_note_not_an_exception()
    {
        var settings = new ProbeSettings([new("ENERGYFACTS_POWERCAP_ROOT", "/nonexistent/powercap")], "/");
        using var selection = DefaultProbeProviders.CreateCatalog().Select("auto", settings);
        Assert.Contains(selection.Notes, n => n.Contains("ENERGYFACTS_POWERCAP_ROOT = '/nonexistent/powercap'", StringComparison.Ordinal));
        Assert.Contains("auto: cpu ← cpu-model", selection.Notes);
    }

    [Fact]
    public void Unknown_name_lists_every_allowed_probe()
    {
        var ex = Assert.Throws<ProbeConfigurationException>(() =>
            DefaultProbeProviders.CreateCatalog().Select("rapl2", ProbeSettings.Empty));
        Assert.Contains("Unknown probe 'rapl2'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Allowed: auto, rapl, nvml, cpu-model, ram-model, constant:cpu=W,gpu=W,ram=W, replay:PATH", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rapl_with_cpu_model_is_refused_as_double_counting()
    {
        LinuxOnly.Require();
        using var tree = FakePowercapTree.AmdOneSocket();
        var ex = Assert.Throws<ProbeConfigurationException>(() =>
            DefaultProbeProviders.CreateCatalog().Select("rapl,cpu-model", tree.Settings));
        Assert.Contains("Both 'rapl' and 'cpu-model' measure the cpu component", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rapl_with_dram_plus_ram_model_is_refused_but_without_dram_it_is_accepted()
    {
        LinuxOnly.Require();
        using (var intel = FakePowercapTree.IntelTwoSocket())
        {
            var ex = Assert.Throws<ProbeConfigurationException>(() =>
                DefaultProbeProviders.CreateCatalog().Select("rapl,ram-model", intel.Settings));
            Assert.Contains("measure the ram component", ex.Message, StringComparison.Ordinal);
        }

        using var amd = FakePowercapTree.AmdOneSocket();
        using var selection = DefaultProbeProviders.CreateCatalog().Select("rapl,ram-model", amd.Settings);
        Assert.Equal(["rapl:package-0", "ram-model"], selection.Probes.Select(p => p.Descriptor.Id));
    }

    [Fact]
    public void Explicit_rapl_that_is_unavailable_is_an_error_with_the_reason()
    {
        LinuxOnly.Require();
        using var tree = new FakePowercapTree();
        var ex = Assert.Throws<ProbeConfigurationException>(() =>
            DefaultProbeProviders.CreateCatalog().Select("rapl", tree.Settings));
        Assert.Contains("Probe 'rapl' was asked for but is not available on this machine", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no RAPL package zone", ex.Message, StringComparison.Ordinal);
    }
}
