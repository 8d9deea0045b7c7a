namespace EnergyFacts.Results;

/// <summary>How one trial of an experiment ended; written lower-case (<c>passed</c>, <c>failed</c>, <c>over_budget</c>, <c>error</c>).</summary>
internal enum ExperimentStatus
{
    /// <summary>The method returned and every budget held.</summary>
    Passed,

    /// <summary>An assertion inside the experiment failed.</summary>
    Failed,

    /// <summary>The experiment ran but spent more than a budget allows.</summary>
    OverBudget,

    /// <summary>The experiment threw (its energy is still recorded).</summary>
    Error,

    /// <summary>The run was cancelled (Ctrl+C, a session abort) while the trial ran: what was measured is kept, never passed.</summary>
    Cancelled,

    /// <summary>The trial ran past its time limit: what was measured is kept, never passed.</summary>
    TimedOut,

    /// <summary>No valid reading for a component the trial needed: it cannot pass a budget.</summary>
    Unmeasured,

    /// <summary>The regression gate found the case worse than its baseline (or could not judge it and had to fail it).</summary>
    Regressed,

    /// <summary>Stopped early: its energy forecast after some epochs exceeded the budget by a clear margin.</summary>
    PredictedOverBudget,

    /// <summary>Stopped early: its energy forecast after some epochs exceeded the baseline's median energy by a clear margin.</summary>
    PredictedOverBaseline,
}
