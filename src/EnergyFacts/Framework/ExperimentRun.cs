using System.Globalization;
using EnergyFacts.Measurement;
using EnergyFacts.Probes;
using EnergyFacts.Results;
using Xunit;

namespace EnergyFacts.Framework;

/// <summary>
/// The life of one trial: open the gate, start the sampler, and after the body stop it, account, decide the budget,
/// write the row and report. Cleanup always runs; a failure to write results never loses the measurement (it is also
/// written to the test output).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The sampler is disposed in End, which xUnit always calls after a successful Begin.")]
internal sealed class ExperimentRun
{
    private readonly ExperimentContext context;
    private IDisposable? gatePass;
    private EnergySampler? sampler;
    private EnergyBudget? budget;
    private ProbeSelection? probes;

    public ExperimentRun(ExperimentContext context) => this.context = context;

    public DateTimeOffset StartedAt { get; private set; } = DateTimeOffset.UtcNow;

    public void Begin()
    {
        var state = EnergyRunState.Current;
        var settings = state.RequireSettings();
        var method = TestContext.Current.Test?.TestCase is EnergyTestCase testCase ? testCase.TestMethod.Method : null;
        budget = method is null ? null : EnergyBudget.For(method);
        budget?.Validate();
        probes = state.Probes;

        // Fail before measuring, not after: an unknown country or an unwritable results folder is known up front.
        _ = state.Emissions;
        _ = state.Sinks;
        if (Interlocked.Exchange(ref state.ProbeChoiceAnnounced, 1) == 0)
        {
            context.Log("[energy] probes: " + string.Join("; ", probes.Notes) + $" (interval {settings.Interval.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms, results in {settings.ResultsDirectory})");
            foreach (var probe in probes.Probes)
            {
                context.Log($"[energy]   {probe.Descriptor.Id} ({probe.Descriptor.Source.ToString().ToLowerInvariant()}): {probe.Descriptor.Legend}");
            }
        }

        gatePass = state.Gate.Enter(context.CancellationToken);
        try
        {
            if (state.Idle is { } baseline && Interlocked.Exchange(ref state.IdleAnnounced, 1) == 0)
            {
                context.Log("[energy] idle baseline: " + string.Join("; ", baseline.Describe()));
            }

            sampler = new EnergySampler(probes.Probes, settings.Interval);
            StartedAt = DateTimeOffset.UtcNow;
            sampler.Start();
        }
        catch
        {
            sampler?.Dispose();
            gatePass.Dispose();
            throw;
        }
    }

    public EnergyPhase BeginPhase(string name)
    {
        var running = sampler ?? throw new InvalidOperationException("Phases can only be measured while the experiment runs.");
        return new EnergyPhase(name, running.Mark, MeasuredBy(null));
    }

    public void End()
    {
        if (sampler is null)
        {
            return;
        }

        EnergyMeasurement measurement;
        try
        {
            measurement = sampler.Stop();
        }
        finally
        {
            sampler.Dispose();
            sampler = null;
            gatePass?.Dispose();
        }

        var recorded = ExperimentRecorder.Record(context, measurement, budget, MeasuredBy(measurement));
        if (recorded.BudgetFailure is not null)
        {
            throw new EnergyBudgetExceededException(recorded.BudgetFailure);
        }

        if (recorded.SinkFailure is not null)
        {
            throw new IOException(recorded.SinkFailure);
        }
    }

    private string MeasuredBy(EnergyMeasurement? measurement)
    {
        if (measurement is null)
        {
            return string.Join("; ", probes?.Probes.Select(p => $"{p.Descriptor.Component.ToString().ToLowerInvariant()}: {p.Descriptor.Id} ({p.Descriptor.Source.ToString().ToLowerInvariant()})") ?? []);
        }

        return string.Join("; ", measurement.Components.Select(c =>
            $"{c.Component.ToString().ToLowerInvariant()}: {(c.ProbeIds.Count == 0 ? "no probe" : string.Join('+', c.ProbeIds))} ({c.SourceLabel})"));
    }
}
