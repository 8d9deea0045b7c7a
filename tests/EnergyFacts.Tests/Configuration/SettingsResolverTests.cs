using System.Text.RegularExpressions;
using System.Xml.Linq;
using EnergyFacts.Configuration;

namespace EnergyFacts.Tests.Configuration;

public sealed class SettingsResolverTests
{
    private const string WorkingDirectory = "/work/here";

    private static SettingsSources Sources(
        Dictionary<string, string>? env = null,
        Dictionary<string, string>? commandLine = null,
        Dictionary<string, RawSetting>? msbuild = null,
        Dictionary<string, RawSetting>? testConfig = null) => new()
    {
        WorkingDirectory = WorkingDirectory,
        ApplicationDirectory = "/app/bin",
        DefaultProjectName = "Project",
        Environment = env ?? [],
        CommandLine = commandLine ?? [],
        MsBuild = msbuild ?? [],
        TestConfig = testConfig ?? [],
    };

    private static RawSetting MsBuild(string key, string value) =>
        new(value, new SettingOrigin(SettingSourceKind.MsBuild, "MSBuild property " + SettingsRegistry.All.Single(d => d.Key == key).MsBuildProperty), "/src/project");

    private static RawSetting TestConfig(string value, int line = 3) =>
        new(value, new SettingOrigin(SettingSourceKind.TestConfig, "energyFacts.x", "/app/bin/App.testconfig.json", line), "/src/project");

    private static string Source(EnergyFactsSettings settings, string key) => settings.Provenance.Single(p => p.Key == key).Source;

    [Fact]
    public void Defaults_are_auto_probes_100_ms_world_average_and_results_next_to_the_application()
    {
        var settings = SettingsResolver.Resolve(Sources());
        Assert.Equal("auto", settings.Probes);
        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.Interval);
        Assert.Null(settings.Country);
        Assert.Equal(1.0, settings.Pue);
        Assert.Equal(Path.Combine("/app/bin", "energy-results"), settings.ResultsDirectory);
        Assert.Equal("Project", settings.ProjectName);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.LockTimeout);
        Assert.All(settings.Provenance, p => Assert.Equal("default", p.Source));
        Assert.Equal(SettingsRegistry.All.Count, settings.Provenance.Count);
    }

    [Fact]
    public void Each_source_reaches_the_settings_and_the_stronger_source_wins()
    {
        // pue: every source gives a value, so the command line wins; interval: up to the environment; country: up to
        // testconfig.json; project: MSBuild only.
        var settings = SettingsResolver.Resolve(Sources(
            env: new() { ["ENERGYFACTS_PUE"] = "1.3", ["ENERGYFACTS_INTERVAL_MS"] = "40" },
            commandLine: new() { ["energy-pue"] = "1.4" },
            msbuild: new() { ["pue"] = MsBuild("pue", "1.1"), ["interval"] = MsBuild("interval", "20"), ["country"] = MsBuild("country", "DEU"), ["project"] = MsBuild("project", "FromMsBuild") },
            testConfig: new() { ["pue"] = TestConfig("1.2"), ["interval"] = TestConfig("30"), ["country"] = TestConfig("FRA", 7) }));

        Assert.Equal(1.4, settings.Pue);
        Assert.Equal("--energy-pue", Source(settings, "pue"));
        Assert.Equal(TimeSpan.FromMilliseconds(40), settings.Interval);
        Assert.Equal("ENERGYFACTS_INTERVAL_MS", Source(settings, "interval"));
        Assert.Equal("FRA", settings.Country);
        Assert.Equal("/app/bin/App.testconfig.json:7", Source(settings, "country"));
        Assert.Equal("FromMsBuild", settings.ProjectName);
        Assert.Equal("MSBuild property EnergyFactsProject", Source(settings, "project"));
    }

    [Fact]
    public void Relative_paths_resolve_against_the_directory_of_their_source()
    {
        var fromCommandLine = SettingsResolver.Resolve(Sources(commandLine: new() { ["energy-results"] = "relres", ["energy-probes"] = "replay:trace.csv" }));
        Assert.Equal(Path.GetFullPath("relres", WorkingDirectory), fromCommandLine.ResultsDirectory);
        Assert.Equal("replay:trace.csv", fromCommandLine.Probes);
        Assert.Equal(Path.GetFullPath("trace.csv", WorkingDirectory), fromCommandLine.ProbeSettings.ResolvePath("trace.csv"));

        var fromMsBuild = SettingsResolver.Resolve(Sources(msbuild: new() { ["results"] = MsBuild("results", "out/energy") }));
        Assert.Equal(Path.GetFullPath("out/energy", "/src/project"), fromMsBuild.ResultsDirectory);
    }

    [Fact]
    public void An_empty_command_line_value_is_an_error_not_the_default()
    {
        var ex = Assert.Throws<EnergyFactsConfigurationException>(() => SettingsResolver.Resolve(Sources(commandLine: new() { ["energy-results"] = "" })));
        Assert.Contains("--energy-results = ''", ex.Message, StringComparison.Ordinal);
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ENERGYFACTS_INTERVAL_MS", "0", "milliseconds from 1 to 3600000")]
    [InlineData("ENERGYFACTS_INTERVAL_MS", "fast", "'fast'")]
    [InlineData("ENERGYFACTS_PUE", "0.8", "from 1.0")]
    [InlineData("ENERGYFACTS_PUE", "NaN", "'NaN'")]
    [InlineData("ENERGYFACTS_COUNTRY", "FR", "alpha-3")]
    [InlineData("ENERGYFACTS_COUNTRY", "XYZ", "XYZ")]
    [InlineData("ENERGYFACTS_TDP_WATTS", "1e300", "at most 2000")]
    [InlineData("ENERGYFACTS_PROBES", "rapl,bogus", "bogus")]
    [InlineData("ENERGYFACTS_LOCK_TIMEOUT", "-1", "seconds from 1 to 86400")]
    public void Bad_values_name_the_variable_the_value_and_what_is_allowed(string variable, string value, string expected)
    {
        var ex = Assert.Throws<EnergyFactsConfigurationException>(() => SettingsResolver.Resolve(Sources(env: new() { [variable] = value })));
        Assert.Contains($"{variable} = '{value}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once()
    {
        var ex = Assert.Throws<EnergyFactsConfigurationException>(() => SettingsResolver.Resolve(Sources(
            env: new() { ["ENERGYFACTS_PUE"] = "0" }, commandLine: new() { ["energy-interval"] = "-3" })));
        Assert.Contains("--energy-interval = '-3'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ENERGYFACTS_PUE = '0'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_level_settings_reach_the_probes_by_their_variable_names()
    {
        var settings = SettingsResolver.Resolve(Sources(
            env: new() { ["CUDA_VISIBLE_DEVICES"] = "" },
            commandLine: new() { ["energy-powercap-root"] = "fake/powercap", ["energy-tdp-watts"] = "65" }));
        Assert.Equal(Path.GetFullPath("fake/powercap", WorkingDirectory), settings.ProbeSettings.Get("ENERGYFACTS_POWERCAP_ROOT"));
        Assert.Equal("65", settings.ProbeSettings.Get("ENERGYFACTS_TDP_WATTS"));
        Assert.Equal(string.Empty, settings.ProbeSettings.Get("CUDA_VISIBLE_DEVICES"));
    }

    [Fact]
    public void Names_are_unique_across_every_source()
    {
        foreach (var names in new Func<SettingDefinition, string?>[] { d => d.Key, d => d.Option, d => d.EnvironmentVariable, d => d.MsBuildProperty, d => d.JsonName })
        {
            var list = SettingsRegistry.All.Select(names).Where(n => n is not null).ToList();
            Assert.Equal(list.Count, list.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }
    }

    [Fact]
    public void The_build_props_compile_exactly_the_registry_msbuild_properties()
    {
        var props = XDocument.Load(Path.Combine(EndToEnd.SampleExperimentsProcess.RepositoryRoot, "src", "EnergyFacts", "build", "EnergyFacts.Settings.props"));
        var items = props.Descendants("AssemblyMetadata")
            .Select(e => (Key: (string)e.Attribute("Include")!, Value: (string)e.Attribute("Value")!))
            .Where(i => i.Key.StartsWith(MsBuildSettings.Prefix, StringComparison.Ordinal))
            .Select(i => (i.Key[MsBuildSettings.Prefix.Length..], Regex.Match(i.Value, @"^\$\((\w+)\)$").Groups[1].Value))
            .ToHashSet();
        var registry = SettingsRegistry.All.Where(d => d.MsBuildProperty is not null).Select(d => (d.Key, d.MsBuildProperty!)).ToHashSet();
        Assert.Equal(registry.Order(), items.Order());
    }
}
