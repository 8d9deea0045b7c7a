namespace EnergyFacts.Advice;

/// <summary>Which energy the advisor calls "cheapest".</summary>
internal enum EnergyObjective
{
    /// <summary>Energy of the whole run (training or inference trial), PUE included: the default.</summary>
    PerRun,

    /// <summary>Energy per sample processed, PUE included: for comparing runs of different lengths.</summary>
    PerSample,
}

/// <summary>The objectives' names as the tool writes them.</summary>
internal static class EnergyObjectiveNames
{
    /// <summary><c>energy per run (J)</c> or <c>energy per sample (J/sample)</c>.</summary>
    public static string Describe(this EnergyObjective objective) =>
        objective == EnergyObjective.PerSample ? "energy per sample (J/sample)" : "energy per run (J)";

    /// <summary><c>run</c> or <c>sample</c>.</summary>
    public static string Token(this EnergyObjective objective) => objective == EnergyObjective.PerSample ? "sample" : "run";
}
