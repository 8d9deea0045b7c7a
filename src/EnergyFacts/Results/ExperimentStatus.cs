namespace EnergyFacts.Results;

/// <summary>How a trial ended; written lower-case in results (<c>over_budget</c> with an underscore).</summary>
public enum ExperimentStatus
{
    /// <summary>The body passed and the budget held.</summary>
    Passed,

    /// <summary>The body failed an assertion.</summary>
    Failed,

    /// <summary>The body passed but the experiment spent more than its budget.</summary>
    OverBudget,

    /// <summary>The body threw an exception other than an assertion failure.</summary>
    Error,
}
