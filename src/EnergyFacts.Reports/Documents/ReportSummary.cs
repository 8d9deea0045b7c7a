using System.Globalization;
using EnergyFacts.Reports.Input;
using EnergyFacts.Results.Markdown;

namespace EnergyFacts.Reports.Documents;

/// <summary>The sentences both documents open with: how many trials from where, the totals, and the provenance legend.</summary>
internal static class ReportSummary
{
    /// <summary>E.g. "12 trials from 2 results folders: 1.234 kJ with PUE, 0.1543 g CO2eq, 61.2 s in all."</summary>
    public static string Overview(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var energy = input.Experiments.Sum(e => e.EnergyJoules ?? 0);
        var emissions = input.Experiments.Sum(e => e.EmissionsKilograms ?? 0) * 1_000;
        var seconds = input.Experiments.Sum(e => e.DurationSeconds ?? 0);
        var folders = input.Folders.Count == 1 ? "1 results folder" : string.Create(CultureInfo.InvariantCulture, $"{input.Folders.Count} results folders");
        return string.Create(CultureInfo.InvariantCulture,
            $"{input.Experiments.Count} trials from {folders}: {SummaryMarkdown.Readable(energy)} J with PUE, {SummaryMarkdown.Readable(emissions)} g CO2eq and {SummaryMarkdown.Readable(seconds)} s in all.");
    }

    /// <summary>How many trials of each provenance, e.g. "measured 3, estimated 5".</summary>
    public static string Provenances(ReportInput input) =>
        string.Join(", ", input.Experiments.GroupBy(e => e.Provenance).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key.Label()} {g.Count()}")));
}
