namespace EnergyFacts.Reports.Input;

/// <summary>What the report was given: every readable row of every folder, and what could not be used, with file and line.</summary>
/// <param name="Folders">The results folders, as given.</param>
/// <param name="Experiments">Every row read, in folder and line order.</param>
/// <param name="Problems">Files, lines and values that could not be used; the rest is still reported.</param>
internal sealed record ReportInput(IReadOnlyList<string> Folders, IReadOnlyList<ReportedExperiment> Experiments, IReadOnlyList<ReportProblem> Problems);
