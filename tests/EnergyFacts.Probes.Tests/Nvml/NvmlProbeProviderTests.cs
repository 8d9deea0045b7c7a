using System.Runtime.InteropServices;
using EnergyFacts.Probes.Nvml;
using EnergyFacts.Probes.Platform;

namespace EnergyFacts.Probes.Tests.Nvml;

public sealed class NvmlProbeProviderTests
{
    private static readonly NvmlProbeProvider Provider = new(HostOperatingSystem.Linux);

    private static List<NvmlGpuProbe> OfferAll(FakeNvml fake, params (string, string)[] settings)
    {
        var offer = Provider.Offer(null, fake.Settings(settings));
        Assert.True(offer.Probes.Count > 0, offer.UnavailableReason);
        return [.. offer.Probes.Cast<NvmlGpuProbe>()];
    }

    [Fact]
    public void Gpu_with_an_energy_counter_is_read_as_exact_millijoule_deltas()
    {
        using var fake = new FakeNvml();
        fake.Set("energy_mj", 1_000_000);
        var probes = OfferAll(fake);
        using var probe = Assert.IsType<NvmlEnergyCounter>(Assert.Single(probes));
        Assert.Equal("nvml:0", probe.Descriptor.Id);
        Assert.Equal(PowerComponent.Gpu, probe.Descriptor.Component);
        Assert.Equal(EnergySource.Measured, probe.Descriptor.Source);
        Assert.Equal("Fake GPU 0", probe.Descriptor.DeviceName);
        Assert.Equal(TimeSpan.FromMilliseconds(100), probe.Descriptor.MinimumUpdatePeriod);
        Assert.Contains("nvmlDeviceGetTotalEnergyConsumption deltas", probe.Descriptor.Legend, StringComparison.Ordinal);

        probe.Start();
        fake.Set("energy_mj", 1_004_500);
        Assert.True(probe.TryReadEnergy(TimeSpan.FromSeconds(1), out var first));
        Assert.Equal(new Joules(4.5), first);
        fake.Set("energy_mj", 1_250_000);
        Assert.True(probe.TryReadEnergy(TimeSpan.FromSeconds(2), out var second));
        Assert.Equal(new Joules(250), second);
    }

    [Fact]
    public void Gpu_whose_energy_counter_is_not_supported_is_sampled_for_power()
    {
        using var fake = new FakeNvml();
        fake.Set("energy_result", NvmlError.NotSupported);
        fake.Set("power_mw", 287_125);
        var probes = OfferAll(fake);
        using var probe = Assert.IsType<NvmlPowerSensor>(Assert.Single(probes));
        Assert.Contains("nvmlDeviceGetPowerUsage", probe.Descriptor.Legend, StringComparison.Ordinal);
        Assert.Contains("NVML_ERROR_NOT_SUPPORTED", probe.Descriptor.Legend, StringComparison.Ordinal);
        probe.Start();
        Assert.True(probe.TryReadPower(TimeSpan.FromSeconds(1), out var power));
        Assert.Equal(new Watts(287.125), power);
    }

    [Fact]
    public void Driver_without_the_energy_function_is_sampled_for_power()
    {
        using var fake = new FakeNvml(FakeNvmlVariant.WithoutEnergyCounter);
        fake.Set("power_mw", 1_000);
        using var probe = Assert.IsType<NvmlPowerSensor>(Assert.Single(OfferAll(fake)));
        Assert.Contains("NVML_ERROR_FUNCTION_NOT_FOUND", probe.Descriptor.Legend, StringComparison.Ordinal);
    }

    [Fact]
    public void Library_lacking_nvmlInit_is_unavailable_with_function_not_found_remedy()
    {
        using var fake = new FakeNvml(FakeNvmlVariant.WithoutInit);
        var offer = Provider.Offer(null, fake.Settings());
        Assert.Empty(offer.Probes);
        Assert.Contains("lacks nvmlInit_v2", offer.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("update the NVIDIA driver", offer.UnavailableReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9, "NVML_ERROR_DRIVER_NOT_LOADED (9, \"Driver Not Loaded\")", "modprobe nvidia")]
    [InlineData(4, "NVML_ERROR_NO_PERMISSION (4, \"Insufficient Permissions\")", "/dev/nvidia")]
    [InlineData(18, "NVML_ERROR_LIB_RM_VERSION_MISMATCH (18", "reboot")]
    public void Init_failure_is_unavailable_with_nvmls_text_and_our_remedy(int code, string name, string remedy)
    {
        using var fake = new FakeNvml();
        fake.Set("init_result", code);
        var offer = Provider.Offer(null, fake.Settings());
        Assert.Empty(offer.Probes);
        Assert.StartsWith("nvmlInit failed with " + name, offer.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains(remedy, offer.UnavailableReason, StringComparison.Ordinal);
        Assert.Equal(1, fake.Get("init_calls"));
    }

    [Fact]
    public void Gpu_lost_mid_run_makes_reads_fail_without_throwing_and_keeps_the_energy_so_far()
    {
        using var fake = new FakeNvml();
        fake.Set("energy_mj", 0);
        using var probe = Assert.IsType<NvmlEnergyCounter>(Assert.Single(OfferAll(fake)));
        probe.Start();
        fake.Set("lost_after_reads", 1);
        fake.Set("energy_mj", 2_000);
        Assert.True(probe.TryReadEnergy(TimeSpan.FromSeconds(1), out var before));
        Assert.Equal(new Joules(2), before);
        Assert.False(probe.TryReadEnergy(TimeSpan.FromSeconds(2), out var after));
        Assert.Equal(new Joules(2), after);
        Assert.Equal(NvmlError.GpuIsLost, probe.LastErrorCode);
        Assert.StartsWith("NVML_ERROR_GPU_IS_LOST (15, \"GPU is lost\")", probe.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void Power_sensor_on_a_lost_gpu_fails_the_read()
    {
        using var fake = new FakeNvml();
        fake.Set("energy_result", NvmlError.NotSupported);
        using var probe = Assert.IsType<NvmlPowerSensor>(Assert.Single(OfferAll(fake)));
        probe.Start();
        fake.Set("lost_after_reads", 0);
        Assert.False(probe.TryReadPower(TimeSpan.FromSeconds(1), out _));
        Assert.Equal(NvmlError.GpuIsLost, probe.LastErrorCode);
    }

    [Fact]
    public void Energy_counter_going_backwards_is_a_reset_fault_then_counting_resumes()
    {
        using var fake = new FakeNvml();
        fake.Set("energy_mj", 50_000);
        using var probe = Assert.IsType<NvmlEnergyCounter>(Assert.Single(OfferAll(fake)));
        probe.Start();
        fake.Set("energy_mj", 51_000);
        Assert.True(probe.TryReadEnergy(TimeSpan.FromSeconds(1), out _));
        fake.Set("energy_mj", 10);
        Assert.False(probe.TryReadEnergy(TimeSpan.FromSeconds(2), out _));
        Assert.Equal(1, probe.Resets);
        fake.Set("energy_mj", 1_010);
        Assert.True(probe.TryReadEnergy(TimeSpan.FromSeconds(3), out var energy));
        Assert.Equal(new Joules(2), energy);
    }

    [Fact]
    public void Utilisation_and_memory_are_reported()
    {
        using var fake = new FakeNvml();
        fake.Set("util_gpu", 87);
        fake.Set("mem_total", 80L << 30);
        fake.Set("mem_used", 12L << 30);
        using var probe = Assert.Single(OfferAll(fake));
        Assert.True(probe.TryReadUtilization(out var utilization));
        Assert.Equal(new DeviceUtilization(87, 12L << 30, 80L << 30), utilization);
    }

    [Fact]
    public void Nvml_is_shut_down_once_after_the_last_probe_is_disposed()
    {
        using var fake = new FakeNvml();
        fake.Set("count", 2);
        var probes = OfferAll(fake);
        Assert.Equal(2, probes.Count);
        probes[0].Dispose();
        Assert.Equal(0, fake.Get("shutdown_calls"));
        probes[1].Dispose();
        probes[1].Dispose();
        Assert.Equal(1, fake.Get("shutdown_calls"));
    }

    [Fact]
    public void Explicit_gpu_list_selects_those_indices()
    {
        using var fake = new FakeNvml();
        fake.Set("count", 3);
        var probes = OfferAll(fake, ("ENERGYFACTS_GPUS", "2,0"), ("CUDA_VISIBLE_DEVICES", "1"));
        try
        {
            Assert.Equal(["nvml:2", "nvml:0"], probes.Select(p => p.Descriptor.Id));
            Assert.Equal("Fake GPU 2", probes[0].Descriptor.DeviceName);
        }
        finally
        {
            probes.ForEach(p => p.Dispose());
        }
    }

    [Theory]
    [InlineData("5", "GPU index 5 does not exist; NVML reports 2 GPU(s), indices 0–1", 1)]
    [InlineData("0,x", "'x' is not a GPU index", 0)] // rejected before NVML is even loaded
    public void Bad_explicit_gpu_list_is_an_error_naming_the_value(string value, string expected, int shutdowns)
    {
        using var fake = new FakeNvml();
        fake.Set("count", 2);
        var ex = Assert.Throws<ProbeConfigurationException>(() => Provider.Offer(null, fake.Settings(("ENERGYFACTS_GPUS", value))));
        Assert.Contains($"ENERGYFACTS_GPUS = '{value}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(shutdowns, fake.Get("shutdown_calls"));
    }

    [Fact]
    public void An_empty_gpu_list_means_unset_and_falls_back_to_cuda_visible_devices()
    {
        using var fake = new FakeNvml();
        fake.Set("count", 2);
        var probes = OfferAll(fake, ("ENERGYFACTS_GPUS", ""), ("CUDA_VISIBLE_DEVICES", "1"));
        Assert.Equal(["nvml:1"], probes.Select(p => p.Descriptor.Id));
        probes.ForEach(p => p.Dispose());
    }

    [Fact]
    public void Cuda_visible_devices_by_unique_uuid_prefix_maps_to_nvml_indices_and_an_ambiguous_prefix_is_refused()
    {
        using var fake = new FakeNvml();
        fake.Set("count", 3);
        var probes = OfferAll(fake, ("CUDA_VISIBLE_DEVICES", "GPU-2,GPU-0"));
        Assert.Equal(["nvml:2", "nvml:0"], probes.Select(p => p.Descriptor.Id));
        probes.ForEach(p => p.Dispose());

        var offer = Provider.Offer(null, fake.Settings(("CUDA_VISIBLE_DEVICES", "GPU-")));
        Assert.Empty(offer.Probes);
        Assert.Equal("CUDA_VISIBLE_DEVICES = 'GPU-': 'GPU-' matches 3 GPU UUIDs; it must match exactly one.", offer.UnavailableReason);
    }

    [Fact]
    public void Cuda_visible_devices_by_uuid_maps_to_nvml_indices()
    {
        using var fake = new FakeNvml();
        fake.Set("count", 3);
        var probes = OfferAll(fake, ("CUDA_VISIBLE_DEVICES", "GPU-20000000-0000-0000-0000-000000000000,1"));
        try
        {
            Assert.Equal(["nvml:2", "nvml:1"], probes.Select(p => p.Descriptor.Id));
            Assert.Contains("CUDA_DEVICE_ORDER=PCI_BUS_ID", probes[0].Descriptor.Legend, StringComparison.Ordinal);
        }
        finally
        {
            probes.ForEach(p => p.Dispose());
        }
    }

    [Fact]
    public void Cuda_visible_devices_minus_one_hides_every_gpu()
    {
        using var fake = new FakeNvml();
        var offer = Provider.Offer(null, fake.Settings(("CUDA_VISIBLE_DEVICES", "-1")));
        Assert.Empty(offer.Probes);
        Assert.Equal("CUDA_VISIBLE_DEVICES = '-1' makes no GPU visible.", offer.UnavailableReason);
    }

    [Fact]
    public void Missing_library_at_the_configured_path_is_an_error_naming_the_setting()
    {
        var settings = new ProbeSettings([new("ENERGYFACTS_NVML_LIBRARY", "/nonexistent/libnvidia-ml.so.1")], "/");
        var ex = Assert.Throws<ProbeConfigurationException>(() => Provider.Offer(null, settings));
        Assert.Contains("ENERGYFACTS_NVML_LIBRARY = '/nonexistent/libnvidia-ml.so.1'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_driver_library_on_this_machine_is_unavailable_with_a_reason()
    {
        LinuxOnly.Require();
        if (NativeLibrary.TryLoad("libnvidia-ml.so.1", out var real))
        {
            NativeLibrary.Free(real);
            Assert.Skip("this machine has a real NVIDIA driver library");
        }

        var offer = Provider.Offer(null, ProbeSettings.Empty);
        Assert.Empty(offer.Probes);
        Assert.Contains("no NVIDIA driver library (libnvidia-ml.so.1, libnvidia-ml.so not found)", offer.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("ENERGYFACTS_NVML_LIBRARY", offer.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Macos_is_named_as_unsupported()
    {
        var offer = new NvmlProbeProvider(HostOperatingSystem.MacOS).Offer(null, ProbeSettings.Empty);
        Assert.Empty(offer.Probes);
        Assert.Contains("macOS is not supported by 'nvml'", offer.UnavailableReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "NVML_SUCCESS")]
    [InlineData(13, "NVML_ERROR_FUNCTION_NOT_FOUND")]
    [InlineData(999, "NVML_ERROR_UNKNOWN")]
    [InlineData(12345, "NVML error 12345")]
    public void Error_codes_have_names(int code, string name) => Assert.Equal(name, NvmlError.Name(code));
}
