namespace EnergyFacts.Tool;

/// <summary>The exit codes of <c>energyfacts</c>, the same for every verb.</summary>
internal static class ExitCodes
{
    /// <summary>0: done.</summary>
    public const int Ok = 0;

    /// <summary>1: a gate or regression check failed (the input was fine, the figures were not).</summary>
    public const int GateFailed = 1;

    /// <summary>2: bad input: an unknown option, a value out of range, a file or row that cannot be read.</summary>
    public const int BadInput = 2;

    /// <summary>The table for <c>--help</c>.</summary>
    public const string Legend = "Exit codes: 0 ok, 1 a gate or regression check failed, 2 bad input (options, values, unreadable files or rows).";
}
