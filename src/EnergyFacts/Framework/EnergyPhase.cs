using System.Diagnostics;
using EnergyFacts.Probes;

namespace EnergyFacts;

/// <summary>A measured part of an experiment (e.g. the evaluation pass). Dispose it to close the phase.</summary>
public sealed class EnergyPhase : IDisposable
{
    private readonly Func<IReadOnlyDictionary<PowerComponent, Joules>> mark;
    private readonly IReadOnlyDictionary<PowerComponent, Joules> atStart;
    private readonly long startTimestamp;
    private IReadOnlyDictionary<PowerComponent, Joules>? atEnd;

    internal EnergyPhase(string name, Func<IReadOnlyDictionary<PowerComponent, Joules>> mark, string measuredBy, double pue = 1.0)
    {
        Name = name;
        MeasuredBy = measuredBy;
        Pue = pue;
        this.mark = mark;
        atStart = mark();
        startTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>The phase's name.</summary>
    public string Name { get; }

    /// <summary>The probes that measured it, with their sources.</summary>
    public string MeasuredBy { get; }

    /// <summary>True once the phase has been closed.</summary>
    public bool IsClosed => atEnd is not null;

    /// <summary>Duration of the phase (up to now while it is open).</summary>
    public TimeSpan Duration { get; private set; }

    /// <summary>The run's power usage effectiveness, applied by <see cref="EnergyWithPue"/>.</summary>
    public double Pue { get; }

    /// <summary>Energy of all components during the phase, at the hardware (PUE not applied).</summary>
    /// <exception cref="InvalidOperationException">The phase is still open.</exception>
    public Joules Energy => Components.Values.Aggregate(Joules.Zero, (sum, e) => sum + e);

    /// <summary>
    /// <see cref="Energy"/> × PUE: what <see cref="EnergyAssert.AtMost"/> checks, by the same rule as every
    /// <see cref="EnergyBudgetAttribute"/> energy limit (the <c>energy_consumed</c> column's rule).
    /// </summary>
    /// <exception cref="InvalidOperationException">The phase is still open.</exception>
    public Joules EnergyWithPue => new(Energy.Value * Pue);

    /// <summary>Energy per component during the phase.</summary>
    /// <exception cref="InvalidOperationException">The phase is still open.</exception>
    public IReadOnlyDictionary<PowerComponent, Joules> Components
    {
        get
        {
            var end = atEnd ?? throw new InvalidOperationException($"Phase '{Name}' is still open; dispose it before reading its energy.");
            return end.ToDictionary(kv => kv.Key, kv => kv.Value - atStart.GetValueOrDefault(kv.Key));
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (atEnd is null)
        {
            atEnd = mark();
            Duration = Stopwatch.GetElapsedTime(startTimestamp);
        }
    }
}
