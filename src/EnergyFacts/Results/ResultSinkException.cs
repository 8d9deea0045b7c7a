namespace EnergyFacts.Results;

/// <summary>One or more sinks of a <see cref="CompositeResultSink"/> failed; the others still recorded the row.</summary>
internal sealed class ResultSinkException : AggregateException
{
    private readonly string message;

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Summary naming the failed sinks and their errors.</param>
    /// <param name="failedSinks">Names of the sinks that failed, in order.</param>
    /// <param name="errors">Their exceptions, in the same order.</param>
    public ResultSinkException(string message, IReadOnlyList<string> failedSinks, IEnumerable<Exception> errors)
        : base(message, errors)
    {
        this.message = message;
        FailedSinks = failedSinks;
    }

    /// <summary>Creates the exception.</summary>
    public ResultSinkException() : this("A result sink failed.", [], []) { }

    /// <summary>Creates the exception.</summary>
    public ResultSinkException(string message) : this(message, [], []) { }

    /// <summary>Creates the exception.</summary>
    public ResultSinkException(string message, Exception innerException) : this(message, [], [innerException]) { }

    /// <summary>Names of the sinks that failed.</summary>
    public IReadOnlyList<string> FailedSinks { get; }

    /// <inheritdoc/>
    public override string Message => message;
}
