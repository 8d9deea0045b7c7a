using System.CommandLine;
using EnergyFacts.Advice;
using EnergyFacts.Results;

namespace EnergyFacts.Tool;

/// <summary><c>energyfacts advise DIR|FILE --min-top1 0.90 …</c>: the trade-off advisor over a results folder or a CodeCarbon CSV.</summary>
internal static class AdviseCommand
{
    /// <summary>The <c>advise</c> verb.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var input = new Argument<string>("DIR|FILE") { Description = "An EnergyFacts results folder (native or imported), an experiments.jsonl or emissions.csv, or a CodeCarbon emissions.csv of any version." };
        var minTop1 = new Option<double>("--min-top1") { Description = "Lowest top-1 accuracy allowed, a fraction from 0 to 1.", Required = true };
        var maxLatency = new Option<double?>("--max-latency-ms") { Description = "Highest latency allowed, in milliseconds per sample (a reported latency_ms metric, batch_latency_ms ÷ batch, or else duration ÷ samples)." };
        var maxPerSample = new Option<double?>("--max-joules-per-sample") { Description = "Most energy per sample allowed, J, PUE included." };
        var maxPerRun = new Option<double?>("--max-joules") { Description = "Most energy per run allowed, J, PUE included." };
        var where = new Option<string[]>("--where") { Description = "Only rows whose column holds the value, COLUMN=VALUE (case-insensitive), e.g. dataset=cifar10; repeat for several.", AllowMultipleArgumentsPerToken = true };
        var cheapestBy = new Option<string>("--cheapest-by") { Description = "What cheapest means: run (energy per run) or sample (energy per sample).", DefaultValueFactory = _ => "run" };
        cheapestBy.AcceptOnlyFromAmong("run", "sample");
        var top1Tolerance = new Option<double>("--top1-tolerance") { Description = "Top-1 difference within which two configurations count as equally accurate.", DefaultValueFactory = _ => SeparationTolerances.DefaultTop1 };
        var latencyTolerance = new Option<double>("--latency-tolerance") { Description = "Relative latency difference within which two configurations count as equally fast (0.1 = 10 %).", DefaultValueFactory = _ => SeparationTolerances.DefaultLatencyFraction };
        var energyRatio = new Option<double>("--energy-ratio") { Description = "Energy ratio (costlier ÷ cheaper) from which energy separates two such configurations.", DefaultValueFactory = _ => SeparationTolerances.DefaultEnergyRatio };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (choice, pareto, saving, separated_by_energy, excluded) instead of text." };
        var command = new Command(
            "advise",
            "Picks the cheapest configuration (model × batch × epochs × device, per dataset) that meets the constraints, lists the Pareto set (accuracy↑, energy↓, latency↓), " +
            "states the energy saved against the most accurate configuration, and tells whether energy separates configurations that accuracy and latency put within a tolerance " +
            "of each other. Trials of one configuration are aggregated by their median; only complete trials (passed, failed, over_budget) count. " +
            "Exit codes: 0 a configuration was chosen, 1 none meets the constraints (each constraint says what it excluded), 2 bad input (options, a missing or unreadable input, no usable trials).")
        {
            input, minTop1, maxLatency, maxPerSample, maxPerRun, where, cheapestBy, top1Tolerance, latencyTolerance, energyRatio, json,
        };
        command.SetAction(EnergyFactsCommandLine.Guarded(error, parsed =>
        {
            var constraints = new AdviceConstraints
            {
                MinimumTop1 = parsed.GetValue(minTop1),
                MaximumLatency = parsed.GetValue(maxLatency) is { } l ? new MillisecondsPerSample(l) : null,
                MaximumJoulesPerSample = parsed.GetValue(maxPerSample),
                MaximumEnergyPerRun = parsed.GetValue(maxPerRun) is { } j ? new Joules(j) : null,
                CheapestBy = parsed.GetValue(cheapestBy) == "sample" ? EnergyObjective.PerSample : EnergyObjective.PerRun,
            }.Validated();
            var tolerances = new SeparationTolerances(parsed.GetValue(top1Tolerance), parsed.GetValue(latencyTolerance), parsed.GetValue(energyRatio)).Validated();
            var filters = (parsed.GetValue(where) ?? []).Select(ColumnFilter.Parse).ToList();
            return Advise(parsed.GetValue(input)!, constraints, tolerances, filters, parsed.GetValue(json), output, error);
        }));
        return command;
    }

    private static int Advise(string path, AdviceConstraints constraints, SeparationTolerances tolerances, List<ColumnFilter> filters, bool json, TextWriter output, TextWriter error)
    {
        RecordedResults results;
        try
        {
            results = RecordedResults.Read(path);
        }
        catch (Exception e) when (e is ResultsFolderException or ResultsFileFormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }

        foreach (var note in results.Notes)
        {
            error.WriteLine($"note: {note}");
        }

        foreach (var problem in results.Problems)
        {
            error.WriteLine(problem);
        }

        var matching = results.Rows.Where(r => filters.All(f => f.Matches(r.Columns))).ToList();
        var complete = matching.Where(AdviseInput.IsComplete).ToList();
        var trials = complete.Select(AdviseInput.ToTrial).OfType<ConfigurationTrial>().ToList();
        if (filters.Count > 0)
        {
            error.WriteLine($"note: {matching.Count} of {results.Rows.Count} trials match {string.Join(" and ", filters)}");
        }

        if (matching.Count > complete.Count)
        {
            error.WriteLine($"note: {matching.Count - complete.Count} trials that did not run to their end (error, cancelled, timed out, aborted, unmeasured) are left out");
        }

        if (trials.Count == 0)
        {
            error.WriteLine($"{path}: no complete trial with an energy{(filters.Count > 0 ? $" matches {string.Join(" and ", filters)}" : string.Empty)}; nothing to advise on.");
            return ExitCodes.BadInput;
        }

        var advice = TradeOffAdvisor.Advise(MeasuredConfiguration.Aggregate(trials), constraints, tolerances);
        if (json)
        {
            output.WriteLine(AdviceOutput.ToJson(advice, trials.Count));
        }
        else
        {
            AdviceOutput.WriteText(output, advice, path, trials.Count);
        }

        if (advice.Choice is null)
        {
            error.WriteLine($"No configuration meets the constraints: {AdviceOutput.ExcludedByConstraint(advice)}.");
            return ExitCodes.GateFailed;
        }

        return ExitCodes.Ok;
    }
}
