using System.Globalization;

namespace EnergyFacts.Platform;

/// <summary>
/// The run's configuration, merged once from environment variables and <c>dotnet test</c> options (options win) and
/// then frozen. Nothing deeper in EnergyFacts reads the environment.
/// </summary>
public sealed record EnergyFactsSettings
{
    /// <summary>Folder for the results files (absolute).</summary>
    public required string ResultsDirectory { get; init; }

    /// <summary>Probe specification, e.g. <c>auto</c>.</summary>
    public required string Probes { get; init; }

    /// <summary>Sampling interval.</summary>
    public required TimeSpan Interval { get; init; }

    /// <summary>ISO 3166-1 alpha-3 country code, or <see langword="null"/> for the world average.</summary>
    public string? Country { get; init; }

    /// <summary>Power usage effectiveness (≥ 1).</summary>
    public double Pue { get; init; } = 1.0;

    /// <summary>Value of the project_name column.</summary>
    public required string ProjectName { get; init; }

    /// <summary>How long to measure idle power before the first experiment; zero when off.</summary>
    public TimeSpan IdleBaseline { get; init; }

    /// <summary>Path of the GitHub step summary file, when running in GitHub Actions.</summary>
    public string? GitHubStepSummary { get; init; }

    /// <summary>
    /// Merges values: <paramref name="options"/> (command line) over <paramref name="environment"/>, over defaults.
    /// </summary>
    /// <param name="environment">Environment variables by name.</param>
    /// <param name="options">Command-line option values by option name (without dashes).</param>
    /// <param name="defaultResultsBase">Directory under which the default <c>energy-results</c> folder goes.</param>
    /// <param name="defaultProjectName">Default project name.</param>
    /// <exception cref="EnergyFactsConfigurationException">A value is malformed; the message names it and what is allowed.</exception>
    public static EnergyFactsSettings Merge(
        IReadOnlyDictionary<string, string> environment,
        IReadOnlyDictionary<string, string> options,
        string defaultResultsBase,
        string defaultProjectName)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);

        (string Value, string From)? Read(EnergyFactsOption option)
        {
            if (option.Option is not null && options.TryGetValue(option.Option, out var fromOption) && !string.IsNullOrWhiteSpace(fromOption))
            {
                return (fromOption.Trim(), "--" + option.Option);
            }

            return environment.TryGetValue(option.EnvironmentVariable, out var fromEnv) && !string.IsNullOrWhiteSpace(fromEnv)
                ? (fromEnv.Trim(), option.EnvironmentVariable)
                : null;
        }

        var results = Read(EnergyFactsOption.Results) is { } r
            ? Path.GetFullPath(r.Value)
            : Path.Combine(defaultResultsBase, "energy-results");

        var interval = TimeSpan.FromMilliseconds(100);
        if (Read(EnergyFactsOption.Interval) is { } i)
        {
            if (!double.TryParse(i.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
                || !double.IsFinite(ms) || ms < 1 || ms > 3_600_000)
            {
                throw new EnergyFactsConfigurationException(
                    $"{i.From} = '{i.Value}' is not a sampling interval. Allowed: milliseconds from 1 to 3600000, e.g. 100.");
            }

            interval = TimeSpan.FromMilliseconds(ms);
        }

        var pue = 1.0;
        if (Read(EnergyFactsOption.Pue) is { } p)
        {
            if (!double.TryParse(p.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out pue)
                || !double.IsFinite(pue) || pue < 1.0)
            {
                throw new EnergyFactsConfigurationException(
                    $"{p.From} = '{p.Value}' is not a power usage effectiveness. Allowed: a number ≥ 1.0 (1.0 = no overhead; typical data centres 1.1–1.6).");
            }
        }

        var idle = TimeSpan.Zero;
        if (Read(EnergyFactsOption.Idle) is { } d)
        {
            if (!double.TryParse(d.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                || !double.IsFinite(seconds) || seconds < 0 || seconds > 600)
            {
                throw new EnergyFactsConfigurationException(
                    $"{d.From} = '{d.Value}' is not an idle-measurement time. Allowed: seconds from 0 (off) to 600, e.g. 5.");
            }

            idle = TimeSpan.FromSeconds(seconds);
        }

        string? country = null;
        if (Read(EnergyFactsOption.Country) is { } c)
        {
            country = c.Value.ToUpperInvariant();
            if (country.Length != 3 || !country.All(char.IsAsciiLetterUpper))
            {
                throw new EnergyFactsConfigurationException(
                    $"{c.From} = '{c.Value}' is not an ISO 3166-1 alpha-3 country code. Allowed: three letters, e.g. FRA, USA, DEU.");
            }
        }

        return new EnergyFactsSettings
        {
            ResultsDirectory = results,
            Probes = Read(EnergyFactsOption.Probes)?.Value ?? "auto",
            Interval = interval,
            Country = country,
            Pue = pue,
            ProjectName = Read(EnergyFactsOption.Project)?.Value ?? defaultProjectName,
            IdleBaseline = idle,
            GitHubStepSummary = environment.TryGetValue("GITHUB_STEP_SUMMARY", out var summary) && !string.IsNullOrWhiteSpace(summary)
                ? summary
                : null,
        };
    }
}
