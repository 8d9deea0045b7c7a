namespace EnergyFacts.Probes.Tests.Contract;

public sealed class ProbeSettingDefinitionTests
{
    private static readonly ProbeCatalog Catalog = DefaultProbeProviders.CreateCatalog();

    private static ProbeSettingDefinition Setting(string name) => Assert.Single(Catalog.Settings, s => s.Name == name);

    [Fact]
    public void The_catalogue_lists_every_setting_a_shipped_provider_reads_once_in_provider_order()
    {
        Assert.Equal(
            ["ENERGYFACTS_POWERCAP_ROOT", "ENERGYFACTS_NVML_LIBRARY", "ENERGYFACTS_GPUS", "CUDA_VISIBLE_DEVICES", "ENERGYFACTS_TDP_WATTS", "ENERGYFACTS_CPU_MODEL"],
            Catalog.Settings.Select(s => s.Name));
        Assert.All(Catalog.Settings, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Help), s.Name);
            Assert.False(string.IsNullOrWhiteSpace(s.DefaultText), s.Name);
            Assert.False(string.IsNullOrWhiteSpace(s.AllowedText), s.Name);
            Assert.Null(s.Validate("")); // empty means unset
        });
    }

    [Theory]
    [InlineData("240")]
    [InlineData("65.5")]
    [InlineData("2000")]
    [InlineData(" 95 ")]
    public void A_plausible_tdp_is_accepted(string value) => Assert.Null(Setting("ENERGYFACTS_TDP_WATTS").Validate(value));

    [Theory]
    [InlineData("1e300")]
    [InlineData("2000.5")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("lots")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("95W")]
    public void An_implausible_or_non_numeric_tdp_is_refused_naming_the_value_and_the_range(string value)
    {
        var message = Setting("ENERGYFACTS_TDP_WATTS").Validate(value);
        Assert.NotNull(message);
        Assert.StartsWith($"ENERGYFACTS_TDP_WATTS = '{value}' is not allowed", message, StringComparison.Ordinal);
        Assert.Contains("> 0 and ≤ 2000", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gpu_list_must_be_nvml_indices()
    {
        var gpus = Setting("ENERGYFACTS_GPUS");
        Assert.Null(gpus.Validate("0,1"));
        Assert.Equal(
            "ENERGYFACTS_GPUS = '0,GPU-1': 'GPU-1' is not a GPU index. Allowed: comma-separated NVML indices such as 0,1.",
            gpus.Validate("0,GPU-1"));
    }

    [Fact]
    public void Cuda_visible_devices_accepts_whatever_cuda_accepts()
    {
        var cuda = Setting("CUDA_VISIBLE_DEVICES");
        Assert.Null(cuda.Validate("-1"));
        Assert.Null(cuda.Validate("GPU-2f3a,1"));
    }

    [Theory]
    [InlineData("ENERGYFACTS_POWERCAP_ROOT")]
    [InlineData("ENERGYFACTS_NVML_LIBRARY")]
    public void A_path_setting_refuses_a_nul_character_but_not_a_missing_path(string name)
    {
        var setting = Setting(name);
        Assert.Null(setting.Validate("/nonexistent/relative/is/fine"));
        var message = setting.Validate("/sys/class\0powercap");
        Assert.NotNull(message);
        Assert.Contains($"{name} = '/sys/class\\u0000powercap' is not allowed", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cpu_model_must_be_one_line()
    {
        var model = Setting("ENERGYFACTS_CPU_MODEL");
        Assert.Null(model.Validate("AMD EPYC 7B13"));
        Assert.Contains("control character", model.Validate("AMD\nEPYC"), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_refuse_a_relative_base_directory()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ProbeSettings([], "relative/dir"));
        Assert.Contains("must be absolute, found 'relative/dir'", ex.Message, StringComparison.Ordinal);
    }
}
