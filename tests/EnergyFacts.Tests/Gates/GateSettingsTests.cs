using EnergyFacts.Configuration;
using EnergyFacts.Gates;

namespace EnergyFacts.Tests.Gates;

public sealed class GateSettingsTests
{
    private static SettingsSources Sources(Dictionary<string, string>? commandLine = null, Dictionary<string, string>? env = null) => new()
    {
        WorkingDirectory = "/work/here",
        ApplicationDirectory = "/app/bin",
        DefaultProjectName = "Project",
        Environment = env ?? [],
        CommandLine = commandLine ?? [],
        MsBuild = new Dictionary<string, RawSetting>(),
        TestConfig = new Dictionary<string, RawSetting>(),
    };

    [Fact]
    public void By_default_the_gate_is_off_with_5_percent_95_percent_and_energy()
    {
        var gates = SettingsResolver.Resolve(Sources()).Gates;

        Assert.False(gates.IsEnabled);
        Assert.Equal(GateSettings.Default, gates);
        Assert.Equal(0.05, gates.RegressionThreshold.Fraction);
        Assert.Equal(0.95, gates.Confidence.Level);
        Assert.Equal(GatedFigure.Energy, gates.Figure);
    }

    [Fact]
    public void Every_gate_setting_reaches_the_gate_settings_from_the_command_line_and_the_environment()
    {
        var settings = SettingsResolver.Resolve(Sources(
            commandLine: new()
            {
                ["energy-baseline"] = "ci/energy-baseline.json",
                ["energy-update-baseline"] = "true",
                ["energy-baseline-allow-mismatch"] = "TRUE",
                ["energy-regression-threshold"] = "8%",
                ["energy-max-extra-trials"] = "6",
                ["energy-gate-figure"] = "metric:top1",
            },
            env: new()
            {
                ["ENERGYFACTS_FAIL_INCONCLUSIVE"] = "true",
                ["ENERGYFACTS_REQUIRE_BASELINE"] = "true",
                ["ENERGYFACTS_GATE_CONFIDENCE"] = "0.99",
            }));
        var gates = settings.Gates;

        Assert.Equal(Path.GetFullPath("ci/energy-baseline.json", "/work/here"), gates.BaselinePath);
        Assert.True(gates.UpdateBaseline && gates.AllowMismatch && gates.FailInconclusive && gates.RequireBaseline);
        Assert.Equal(0.08, gates.RegressionThreshold.Fraction, 12);
        Assert.Equal(6, gates.MaxExtraTrials);
        Assert.Equal(GatedFigure.Metric("top1"), gates.Figure);
        Assert.Equal(0.99, gates.Confidence.Level);
        Assert.Equal("0.08", settings.Provenance.Single(p => p.Key == "regression-threshold").Value);
        Assert.Equal("--energy-regression-threshold", settings.Provenance.Single(p => p.Key == "regression-threshold").Source);
    }

    [Theory]
    [InlineData("energy-regression-threshold", "1.5", "--energy-regression-threshold = '1.5' is not allowed (a regression threshold must be more than 0 and less than 1")]
    [InlineData("energy-regression-threshold", "0", "Allowed: a fraction more than 0 and less than 1, e.g. 0.05 or 5% for 5 %.")]
    [InlineData("energy-regression-threshold", "100%", "--energy-regression-threshold = '100%' is not allowed")]
    [InlineData("energy-gate-confidence", "0.4", "a gate's confidence must be more than 0.5 and less than 1")]
    [InlineData("energy-update-baseline", "yes", "--energy-update-baseline = 'yes' is not allowed (not true or false). Allowed: true or false.")]
    [InlineData("energy-gate-figure", "watts", "Allowed: energy, cpu-time-estimate, energy-per-sample, duration or metric:NAME")]
    [InlineData("energy-max-extra-trials", "-1", "not a whole number from 0 to 1000")]
    [InlineData("energy-accuracy-gain", "0.01", "--energy-accuracy-gain = '0.01' is not allowed (not FIGURE=GAIN). Allowed: FIGURE=GAIN with FIGURE top1 or metric:NAME")]
    [InlineData("energy-accuracy-gain", "energy=0.01", "'energy' is not an accuracy figure (top1 or metric:NAME)")]
    [InlineData("energy-accuracy-gain", "top1=0", "the gain '0' is not a number more than 0")]
    [InlineData("energy-accuracy-gain", "metric:mIoU=NaN", "the gain 'NaN' is not a number more than 0")]
    public void A_bad_gate_setting_stops_the_run_naming_the_value_and_what_is_allowed(string option, string value, string expected)
    {
        var error = Assert.Throws<EnergyFactsConfigurationException>(() => SettingsResolver.Resolve(Sources(commandLine: new() { [option] = value })));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gate_settings_have_the_option_names_of_the_issue()
    {
        var options = SettingsRegistry.All.Select(d => d.Option).ToHashSet();

        Assert.Superset(
            new HashSet<string?>
        {
            "energy-baseline", "energy-update-baseline", "energy-baseline-allow-mismatch", "energy-regression-threshold",
            "energy-fail-inconclusive", "energy-require-baseline", "energy-max-extra-trials", "energy-gate-figure", "energy-gate-confidence",
        },
            options);
        Assert.Equal("EnergyFactsRegressionThreshold", SettingsRegistry.RegressionThreshold.MsBuildProperty);
        Assert.Equal("regressionThreshold", SettingsRegistry.RegressionThreshold.JsonName);
    }

    [Fact]
    public void The_accuracy_gain_is_off_by_default_and_reaches_the_gate_from_the_command_line_or_the_environment()
    {
        Assert.Null(SettingsResolver.Resolve(Sources()).Gates.AccuracyGain);

        var fromOption = SettingsResolver.Resolve(Sources(commandLine: new() { ["energy-accuracy-gain"] = "top1=0.01" }));
        Assert.Equal(new AccuracyGainRequirement(GatedFigure.Metric("top1"), 0.01), fromOption.Gates.AccuracyGain);
        Assert.Equal("metric:top1=0.01", fromOption.Provenance.Single(p => p.Key == "accuracy-gain").Value);

        var fromEnvironment = SettingsResolver.Resolve(Sources(env: new() { ["ENERGYFACTS_ACCURACY_GAIN"] = "metric:mIoU=0.02" }));
        Assert.Equal(new AccuracyGainRequirement(GatedFigure.Metric("mIoU"), 0.02), fromEnvironment.Gates.AccuracyGain);
        Assert.Equal("EnergyFactsAccuracyGain", SettingsRegistry.AccuracyGain.MsBuildProperty);
        Assert.Equal("accuracyGain", SettingsRegistry.AccuracyGain.JsonName);
    }

    [Fact]
    public void The_accuracy_gain_comes_from_testconfig_json_and_the_msbuild_property_too_and_a_bad_one_names_file_and_line()
    {
        var folder = Directory.CreateTempSubdirectory("energyfacts-accuracy-gain-").FullName;
        try
        {
            var config = Path.Combine(folder, "testconfig.json");
            File.WriteAllText(config, "{\n  \"energyFacts\": {\n    \"accuracyGain\": \"top1=0.03\"\n  }\n}\n");
            var (values, problems) = TestConfigFile.Read(config, folder);
            Assert.Empty(problems);
            var msBuild = new Dictionary<string, RawSetting>
            {
                ["accuracy-gain"] = new("metric:mIoU=0.02", new SettingOrigin(SettingSourceKind.MsBuild, "MSBuild property EnergyFactsAccuracyGain"), folder),
            };

            var fromConfig = SettingsResolver.Resolve(Sources() with { TestConfig = values, MsBuild = msBuild });
            Assert.Equal(new AccuracyGainRequirement(GatedFigure.Metric("top1"), 0.03), fromConfig.Gates.AccuracyGain); // testconfig.json beats MSBuild
            var fromMsBuild = SettingsResolver.Resolve(Sources() with { MsBuild = msBuild });
            Assert.Equal(new AccuracyGainRequirement(GatedFigure.Metric("mIoU"), 0.02), fromMsBuild.Gates.AccuracyGain);

            File.WriteAllText(config, "{\n  \"energyFacts\": {\n    \"accuracyGain\": \"top1=-1\"\n  }\n}\n");
            var bad = TestConfigFile.Read(config, folder).Values;
            var error = Assert.Throws<EnergyFactsConfigurationException>(() => SettingsResolver.Resolve(Sources() with { TestConfig = bad }));
            Assert.Contains(config + ":3", error.Message, StringComparison.Ordinal);
            Assert.Contains("the gain '-1' is not a number more than 0", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

