namespace EnergyFacts.Platform;

/// <summary>One configuration knob: its command-line option, its environment variable, its default and what it means.</summary>
/// <param name="Option">The <c>dotnet test</c> option without dashes, e.g. <c>energy-results</c>; <see langword="null"/> when environment-only.</param>
/// <param name="EnvironmentVariable">The environment variable, e.g. <c>ENERGYFACTS_RESULTS_DIR</c>.</param>
/// <param name="Default">The default, as shown in help.</param>
/// <param name="Description">What it controls.</param>
public sealed record EnergyFactsOption(string? Option, string EnvironmentVariable, string Default, string Description)
{
    /// <summary>Results folder.</summary>
    public static EnergyFactsOption Results { get; } = new(
        "energy-results", "ENERGYFACTS_RESULTS_DIR", "<test output dir>/energy-results",
        "Folder for emissions.csv, experiments.jsonl and summary.md; relative paths resolve against the working directory.");

    /// <summary>Probe specification.</summary>
    public static EnergyFactsOption Probes { get; } = new(
        "energy-probes", "ENERGYFACTS_PROBES", "auto",
        "Comma list of probes: auto, rapl, nvml, cpu-model, ram-model, constant:cpu=W,gpu=W,ram=W, replay:PATH.");

    /// <summary>Sampling interval.</summary>
    public static EnergyFactsOption Interval { get; } = new(
        "energy-interval", "ENERGYFACTS_INTERVAL_MS", "100",
        "Sampling interval in milliseconds (1 to 3600000).");

    /// <summary>Country for carbon intensity.</summary>
    public static EnergyFactsOption Country { get; } = new(
        "energy-country", "ENERGYFACTS_COUNTRY", "world average",
        "ISO 3166-1 alpha-3 country code for the grid's carbon intensity, e.g. FRA, USA, DEU.");

    /// <summary>Power usage effectiveness.</summary>
    public static EnergyFactsOption Pue { get; } = new(
        "energy-pue", "ENERGYFACTS_PUE", "1.0",
        "Power usage effectiveness of the data centre (≥ 1.0); multiplies every energy figure.");

    /// <summary>Project name written in the project_name column.</summary>
    public static EnergyFactsOption Project { get; } = new(
        "energy-project", "ENERGYFACTS_PROJECT", "<test assembly name>",
        "Value of the project_name column.");

    /// <summary>Idle-baseline measurement before the first experiment.</summary>
    public static EnergyFactsOption Idle { get; } = new(
        "energy-idle", "ENERGYFACTS_IDLE_SECONDS", "0",
        "Seconds of idle power measured before the first experiment (0 = off); results then also report energy above idle.");

    /// <summary>Every option, in help order.</summary>
    public static IReadOnlyList<EnergyFactsOption> All { get; } = [Results, Probes, Interval, Country, Pue, Project, Idle];
}
