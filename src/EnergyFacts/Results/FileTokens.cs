using EnergyFacts.Measurement;
using EnergyFacts.Probes;

namespace EnergyFacts.Results;

/// <summary>
/// The one table from every enum written into results files to its token (<c>over_budget</c>, <c>cpu</c>,
/// <c>measured</c>, …) and back. Tokens are part of the file formats: renaming an enum member never changes them.
/// </summary>
internal static class FileTokens
{
    private static readonly (ExperimentStatus Value, string Token)[] Statuses =
    [
        (ExperimentStatus.Passed, "passed"),
        (ExperimentStatus.Failed, "failed"),
        (ExperimentStatus.OverBudget, "over_budget"),
        (ExperimentStatus.Error, "error"),
        (ExperimentStatus.Cancelled, "cancelled"),
        (ExperimentStatus.TimedOut, "timed_out"),
        (ExperimentStatus.Unmeasured, "unmeasured"),
        (ExperimentStatus.Regressed, "regressed"),
        (ExperimentStatus.PredictedOverBudget, "aborted_predicted_over_budget"),
        (ExperimentStatus.PredictedOverBaseline, "aborted_predicted_over_baseline"),
    ];

    private static readonly (PowerComponent Value, string Token)[] Components =
    [
        (PowerComponent.Cpu, "cpu"),
        (PowerComponent.Gpu, "gpu"),
        (PowerComponent.Ram, "ram"),
    ];

    private static readonly (EnergySource Value, string Token)[] Sources =
    [
        (EnergySource.Measured, "measured"),
        (EnergySource.Estimated, "estimated"),
        (EnergySource.Replayed, "replayed"),
        (EnergySource.Imported, "imported"),
    ];

    /// <summary>Token of a component without a probe.</summary>
    public const string NoSource = "none";

    /// <summary>Suffix of a source whose readings were partly dropped.</summary>
    public const string PartialSuffix = "-partial";

    /// <summary>Every status token, in enum order (for help texts and validation messages).</summary>
    public static IReadOnlyList<string> StatusTokens { get; } = [.. Statuses.Select(s => s.Token)];

    /// <summary>The status's token, e.g. <c>over_budget</c>.</summary>
    public static string Of(ExperimentStatus status) => Find(Statuses, status);

    /// <summary>The component's token, e.g. <c>cpu</c>.</summary>
    public static string Of(PowerComponent component) => Find(Components, component);

    /// <summary>The source's token, e.g. <c>measured</c>.</summary>
    public static string Of(EnergySource source) => Find(Sources, source);

    /// <summary>The source as written per component: the source's token or <c>none</c>, plus <c>-partial</c> when readings were dropped.</summary>
    public static string SourceOf(ComponentEnergy component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return (component.Source is { } source ? Of(source) : NoSource) + (component.Partial ? PartialSuffix : string.Empty);
    }

    /// <summary>Reads a status token back.</summary>
    public static bool TryParseStatus(string token, out ExperimentStatus status) => TryFind(Statuses, token, out status);

    /// <summary>Reads a component token back.</summary>
    public static bool TryParseComponent(string token, out PowerComponent component) => TryFind(Components, token, out component);

    /// <summary>Reads a source token back (without <c>-partial</c>).</summary>
    public static bool TryParseSource(string token, out EnergySource source) => TryFind(Sources, token, out source);

    private static string Find<T>((T Value, string Token)[] table, T value)
        where T : struct, Enum
    {
        foreach (var (candidate, token) in table)
        {
            if (EqualityComparer<T>.Default.Equals(candidate, value))
            {
                return token;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(T).Name} has no file token for this value.");
    }

    private static bool TryFind<T>((T Value, string Token)[] table, string token, out T value)
        where T : struct, Enum
    {
        foreach (var (candidate, text) in table)
        {
            if (string.Equals(text, token, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
