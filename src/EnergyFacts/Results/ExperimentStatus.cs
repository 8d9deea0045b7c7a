namespace EnergyFacts.Results;

/// <summary>How one trial of an experiment ended; written lower-case (<c>passed</c>, <c>failed</c>, <c>over_budget</c>, <c>error</c>).</summary>
public enum ExperimentStatus
{
    /// <summary>The method returned and every budget held.</summary>
    Passed,

    /// <summary>An assertion inside the experiment failed.</summary>
    Failed,

    /// <summary>The experiment ran but spent more than a budget allows.</summary>
    OverBudget,

    /// <summary>The experiment threw (its energy is still recorded).</summary>
    Error,
}

/// <summary>The text form of <see cref="ExperimentStatus"/> used in results files.</summary>
public static class ExperimentStatusText
{
    /// <summary>The status as written in results: <c>passed</c>, <c>failed</c>, <c>over_budget</c> or <c>error</c>.</summary>
    public static string ToResultText(this ExperimentStatus status) => status switch
    {
        ExperimentStatus.Passed => "passed",
        ExperimentStatus.Failed => "failed",
        ExperimentStatus.OverBudget => "over_budget",
        ExperimentStatus.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Expected Passed, Failed, OverBudget or Error."),
    };
}
