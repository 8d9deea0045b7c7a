using EnergyFacts.Probes;

namespace EnergyFacts.Configuration;

/// <summary>
/// Resolves every setting of <see cref="SettingsRegistry"/> from its sources, weakest first: default, MSBuild property,
/// <c>testconfig.json</c>, environment variable, command line. All bad values are reported together, each naming the
/// setting, its source (file and line where there is one), the value and what is allowed.
/// </summary>
internal static class SettingsResolver
{
    /// <summary>Resolves the settings.</summary>
    /// <exception cref="EnergyFactsConfigurationException">A value is not allowed; nothing has been measured yet.</exception>
    public static EnergyFactsSettings Resolve(SettingsSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var problems = new List<string>(sources.ReadProblems);
        var values = new Dictionary<SettingDefinition, (object? Value, SettingOrigin Origin)>();
        foreach (var definition in SettingsRegistry.All)
        {
            if (Strongest(definition, sources) is not { } raw)
            {
                values[definition] = (null, SettingOrigin.Default);
                continue;
            }

            try
            {
                values[definition] = (definition.Parse(raw), raw.Origin);
            }
            catch (SettingValueException ex)
            {
                var where = raw.Origin.File is null ? raw.Origin.Description : $"{raw.Origin}: {raw.Origin.Description}";
                var allowed = ex.Message.Contains("Allowed:", StringComparison.Ordinal) ? string.Empty : $" Allowed: {definition.Allowed}.";
                problems.Add($"{where} = '{raw.Text}' is not allowed ({ex.Message.TrimEnd('.')}).{allowed}");
            }
        }

        if (problems.Count > 0)
        {
            throw new EnergyFactsConfigurationException(
                "EnergyFacts settings are not valid; no experiment was run:" + System.Environment.NewLine + "  " + string.Join(System.Environment.NewLine + "  ", problems));
        }

        T Get<T>(SettingDefinition<T> definition, T fallback)
            where T : notnull => values[definition].Value is T value ? value : fallback;

        var probeValues = SettingsRegistry.ProbeLevel
            .Where(d => values[d].Value is not null)
            .Select(d => new KeyValuePair<string, string>(d.EnvironmentVariable, d.Format(values[d].Value!)))
            .ToList();

        // CUDA's own variable selects GPUs for NVML too; an empty value means "no GPU", so it is kept as given.
        if (sources.Environment.TryGetValue("CUDA_VISIBLE_DEVICES", out var cudaVisible))
        {
            probeValues.Add(new("CUDA_VISIBLE_DEVICES", cudaVisible));
        }

        return new EnergyFactsSettings
        {
            ResultsDirectory = Get(SettingsRegistry.Results, Path.Combine(sources.ApplicationDirectory, "energy-results")),
            Probes = Get(SettingsRegistry.Probes, ProbeCatalog.Auto),
            Interval = Get(SettingsRegistry.Interval, SettingsRegistry.Interval.DefaultValue),
            Country = values[SettingsRegistry.Country].Value as string,
            Cloud = values[SettingsRegistry.Cloud].Value as string,
            Region = values[SettingsRegistry.Region].Value as string,
            CarbonIntensity = values[SettingsRegistry.CarbonIntensity] is (double grams, var origin)
                ? new Accounting.CarbonIntensityOverride(grams, origin.ToString())
                : null,
            Pue = Get(SettingsRegistry.Pue, SettingsRegistry.Pue.DefaultValue),
            ProjectName = Get(SettingsRegistry.Project, sources.DefaultProjectName),
            IdleBaseline = Get(SettingsRegistry.Idle, TimeSpan.Zero),
            ExperimentLockFile = Get(SettingsRegistry.LockFile, Path.Combine(Path.GetTempPath(), "energyfacts-experiments.lock")),
            LockTimeout = Get(SettingsRegistry.LockTimeout, SettingsRegistry.LockTimeout.DefaultValue),
            TrialTimeout = Get(SettingsRegistry.TrialTimeout, TimeSpan.Zero),
            CancelGrace = Get(SettingsRegistry.CancelGrace, SettingsRegistry.CancelGrace.DefaultValue),
            Shard = Get(SettingsRegistry.Shard, ExperimentShard.All),
            CoolDown = Get(SettingsRegistry.CoolDown, TimeSpan.Zero),
            RowMetrics = new Metrics.RowMetricSettings(
                new Metrics.ApcWeights(Get(SettingsRegistry.ApcAlpha, Metrics.ApcWeights.DefaultAlpha), Get(SettingsRegistry.ApcBeta, Metrics.ApcWeights.DefaultBeta)),
                Get(SettingsRegistry.ApcUnit, Metrics.ConsumptionUnit.WattHoursPerRun),
                values[SettingsRegistry.Price].Value is string { Length: > 0 } price ? Metrics.RowMetricSettings.ParsePrice(price.Replace("/kWh", "", StringComparison.Ordinal)) : null)
            {
                Performance = Get(SettingsRegistry.Performance, "top1"),
                TtcapcTarget = values[SettingsRegistry.TtcapcTarget].Value as double?,
                ReferenceEnergy = Get(SettingsRegistry.ReferenceEnergy, SettingsRegistry.ReferenceEnergy.DefaultValue),
                FmsBeta = Get(SettingsRegistry.FmsBeta, SettingsRegistry.FmsBeta.DefaultValue),
            },
            GitHubStepSummary = sources.Environment.TryGetValue("GITHUB_STEP_SUMMARY", out var summary) && !string.IsNullOrWhiteSpace(summary) ? summary : null,
            ProbeSettings = new ProbeSettings(probeValues, sources.WorkingDirectory),
            TorchEnvironment = SettingsRegistry.TorchLevel
                .Where(d => values[d].Value is not null)
                .ToDictionary(d => d.EnvironmentVariable, d => d.Format(values[d].Value!), StringComparer.Ordinal),
            Gates = SettingsRegistry.GateSettingsFrom(d => values[d].Value),
            Provenance = [.. SettingsRegistry.All
                .Select(d => new ResolvedSetting(
                    d.Key,
                    values[d].Value is { } v ? d.Format(v) : d.DefaultText,
                    values[d].Origin.ToString()))
                .OrderBy(s => s.Key, StringComparer.Ordinal)],
        };
    }

    private static RawSetting? Strongest(SettingDefinition definition, SettingsSources sources)
    {
        if (definition.Option is { } option && sources.CommandLine.TryGetValue(option, out var fromCommandLine))
        {
            return new RawSetting(fromCommandLine, new SettingOrigin(SettingSourceKind.CommandLine, "--" + option), sources.WorkingDirectory);
        }

        if (sources.Environment.TryGetValue(definition.EnvironmentVariable, out var fromEnvironment) && fromEnvironment.Length > 0)
        {
            return new RawSetting(fromEnvironment, new SettingOrigin(SettingSourceKind.Environment, definition.EnvironmentVariable), sources.WorkingDirectory);
        }

        if (sources.TestConfig.TryGetValue(definition.Key, out var fromTestConfig))
        {
            return fromTestConfig;
        }

        return definition.MsBuildProperty is not null && sources.MsBuild.TryGetValue(definition.Key, out var fromMsBuild) ? fromMsBuild : null;
    }
}
