namespace EnergyFacts.Results;

/// <summary>
/// Sends each row to several sinks. A failing sink does not stop the others: all run, then the failures are thrown
/// together as one <see cref="ResultSinkException"/> so the caller can report them.
/// </summary>
internal sealed class CompositeResultSink : IResultSink
{
    /// <summary>Creates the composite.</summary>
    /// <param name="sinks">The sinks, run in this order.</param>
    public CompositeResultSink(IEnumerable<IResultSink> sinks)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        Sinks = [.. sinks];
    }

    /// <summary>The sinks, in order.</summary>
    public IReadOnlyList<IResultSink> Sinks { get; }

    /// <inheritdoc/>
    public string Name => string.Join(", ", Sinks.Select(s => s.Name));

    /// <inheritdoc/>
    /// <exception cref="ResultSinkException">One or more sinks failed (after every sink ran).</exception>
    /// <summary>Checks every sink before measuring; the first refusal is thrown (each names its file).</summary>
    public void CheckBeforeMeasuring()
    {
        foreach (var sink in Sinks)
        {
            sink.CheckBeforeMeasuring();
        }
    }

    public void Append(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var failed = new List<string>();
        var errors = new List<Exception>();
        foreach (var sink in Sinks)
        {
            try
            {
                sink.Append(row);
            }
#pragma warning disable CA1031 // One sink's failure, whatever it is, must not cost the other sinks their row.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failed.Add(sink.Name);
                errors.Add(e);
            }
        }

        if (errors.Count > 0)
        {
            var details = string.Join(" ", failed.Zip(errors, (name, e) => $"[{name}] {e.Message}"));
            throw new ResultSinkException(
                $"{errors.Count} of {Sinks.Count} result sinks could not record trial {row.Outcome.Trial} of '{row.Outcome.ExperimentName}'" +
                (errors.Count < Sinks.Count ? " (the others did)" : string.Empty) + $": {details}",
                failed,
                errors);
        }
    }
}
