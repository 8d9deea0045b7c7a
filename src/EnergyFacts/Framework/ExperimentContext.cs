using System.Reflection;
using EnergyFacts.Framework;
using EnergyFacts.Results;
using EnergyFacts.Trials;
using Xunit;
using Xunit.Sdk;

namespace EnergyFacts;

/// <summary>
/// What an experiment knows about its case (model, batch, epochs …) and how it reports what it learns (losses,
/// accuracies, samples). Take it as the method's parameter or read <see cref="Current"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The trial watchdog lives from BeginTrial to EndTrial; the framework's hook always calls both.")]
public sealed class ExperimentContext
{
    private readonly List<EpochRecord> history = [];
    private readonly List<ReportedMetric> metrics = [];
    private long samples;
    private long samplesAtLastEpoch;
    private DateTimeOffset lastEpochEnd;
    private Joules? energyAtLastEpoch;

    private readonly ExperimentSession? session;
    private readonly MethodInfo? method;
    private TrialWindow? window;
    private TrialCase? trialCase;
    private TrialWatchdog? watchdog;
    private IDisposable? openTrialTicket;
    private string? finishedWithoutBody;
    private CancellationToken? trialToken;
    private IDisposable? warmupPass;
    private readonly List<Joules> energyAtEpochEnd = [];
    private readonly List<Accounting.EnergyForecast> forecasts = [];
    private Lazy<BaselineEnergy?>? baselineEnergy;
    private int preparationState; // 0 not begun, 1 open, 2 ended
    private int phasesBegun;
    private int? intraOpThreads;
    private int? interOpThreads;

    internal ExperimentContext(
        ExperimentDefinition definition, int trial, string caseDisplayName, string caseId, ExperimentSession? session = null, MethodInfo? method = null)
    {
        Definition = definition;
        Trial = trial;
        CaseDisplayName = caseDisplayName;
        CaseId = caseId;
        this.session = session;
        this.method = method;
    }

    /// <summary>The context of the experiment running on this test's flow, or <see langword="null"/> outside an experiment.</summary>
    public static ExperimentContext? Current => (TestContext.Current.Test as EnergyTest)?.Context;

    /// <summary>Model name.</summary>
    public string Model => Definition.Model;

    /// <summary>Batch size.</summary>
    public int Batch => Definition.Batch;

    /// <summary>Number of epochs.</summary>
    public int Epochs => Definition.Epochs;

    /// <summary>Dataset name, when declared.</summary>
    public string? Dataset => Definition.Dataset;

    /// <summary>Device asked for: <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>. Report the one used with <see cref="UseDevice"/>.</summary>
    public string Device => Definition.Device;

    /// <summary>The device actually used, as reported by the experiment (<c>none</c> until reported).</summary>
    public string DeviceUsed { get; private set; } = "none";

    /// <summary>1-based trial number.</summary>
    public int Trial { get; }

    /// <summary>Number of trials of this case.</summary>
    public int Trials => Definition.Trials;

    /// <summary>The declared seed, or 0.</summary>
    public int Seed => Definition.Seed ?? 0;

    /// <summary>Cancelled when the test run is cancelled or times out; pass it to long-running work.</summary>
    public CancellationToken CancellationToken => trialToken ?? TestContext.Current.CancellationToken;

    /// <summary>Samples processed so far (training and evaluation together, as reported).</summary>
    public long Samples => Interlocked.Read(ref samples);

    /// <summary>Epochs reported so far.</summary>
    public IReadOnlyList<EpochRecord> History
    {
        get
        {
            lock (history)
            {
                return [.. history];
            }
        }
    }

    internal ExperimentDefinition Definition { get; }

    internal string CaseDisplayName { get; }

    internal string CaseId { get; }

    /// <summary>When the measurement window opened (the first epoch's start).</summary>
    internal DateTimeOffset StartedAt { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>1-based number of this warm-up run, or 0 for a measured trial.</summary>
    internal int WarmupRun { get; init; }

    /// <summary>k for the k-th extra trial the regression gate asked for (trial <see cref="Trials"/> + k), or 0.</summary>
    internal int ExtraTrial { get; init; }

    /// <summary>Records the device the experiment actually used, e.g. <c>cpu</c> or <c>cuda:0</c>.</summary>
    public void UseDevice(string device)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        DeviceUsed = device;
    }

    /// <summary>
    /// Records the CPU threads the experiment ran with (e.g. libtorch's intra-op and inter-op pools): the row's
    /// <c>intra_op_threads</c> and <c>inter_op_threads</c>. The configured counts are the
    /// <c>--energy-intra-op-threads</c> and <c>--energy-inter-op-threads</c> settings.
    /// </summary>
    /// <param name="intraOp">Threads per operation, at least 1.</param>
    /// <param name="interOp">Threads running independent operations, at least 1.</param>
    public void UseThreads(int intraOp, int interOp)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intraOp, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(interOp, 1);
        intraOpThreads = intraOp;
        interOpThreads = interOp;
    }

    /// <summary>
    /// Starts the trial's preparation (loading native libraries, decoding the dataset, building the model); dispose the
    /// result when it is done. The preparation is measured apart and reported in <c>preparation_duration</c> and
    /// <c>preparation_energy_joules</c>; the row's energy, duration, energy per sample, budgets, forecasts and the
    /// regression gate cover the work after it. At most once per trial, before the first epoch, sample or phase.
    /// </summary>
    /// <returns>The open preparation; disposing it a second time does nothing.</returns>
    /// <exception cref="InvalidOperationException">Called twice, after the work began, or outside a running trial.</exception>
    public IDisposable BeginPreparation()
    {
        if (WarmupRun > 0)
        {
            // A warm-up run measures nothing; its preparation is part of what it warms up.
            return new PreparationScope(null);
        }

        var open = window ?? throw new InvalidOperationException("A preparation can only be measured while the experiment's trial runs.");
        lock (history)
        {
            if (preparationState != 0)
            {
                throw new InvalidOperationException($"{CaseDisplayName} trial {Trial}: BeginPreparation was already called; a trial has one preparation.");
            }

            if (history.Count > 0 || Samples > 0 || Volatile.Read(ref phasesBegun) > 0)
            {
                throw new InvalidOperationException(
                    $"{CaseDisplayName} trial {Trial}: BeginPreparation must come before the first ReportEpoch, AddSamples or BeginPhase, since the work after it is what the row measures.");
            }

            preparationState = 1;
        }

        return new PreparationScope(() =>
        {
            open.EndPreparation();
            lock (history)
            {
                preparationState = 2;
                StartedAt = DateTimeOffset.UtcNow;
            }
        });
    }

    /// <summary>Adds processed samples (e.g. after each batch); used for energy per sample.</summary>
    public void AddSamples(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Interlocked.Add(ref samples, count);
    }

    /// <summary>Reports one finished epoch; the last epoch's values become the result's columns.</summary>
    /// <param name="epoch">1-based epoch number.</param>
    /// <param name="trainLoss">Mean training loss.</param>
    /// <param name="evalLoss">Mean evaluation loss.</param>
    /// <param name="evalTop1">Top-1 accuracy, 0–1.</param>
    /// <param name="evalTop5">Top-5 accuracy, 0–1.</param>
    /// <param name="learningRate">Learning rate.</param>
    public void ReportEpoch(
        int epoch, double trainLoss, double? evalLoss = null, double? evalTop1 = null, double? evalTop5 = null, double? learningRate = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epoch, 1);
        CheckFraction(evalTop1, nameof(evalTop1));
        CheckFraction(evalTop5, nameof(evalTop5));
        // The trial's energy so far (PUE included), read by the same probes on the sampler thread; outside the lock,
        // since Mark waits for a sampler tick.
        var cumulative = EnergySoFar();
        var now = DateTimeOffset.UtcNow;
        lock (history)
        {
            var start = history.Count == 0 ? StartedAt : lastEpochEnd;
            var total = Samples;
            Joules? energy = cumulative is { } c && (history.Count == 0 || energyAtLastEpoch is not null)
                ? new Joules(Math.Max(0, (c - (energyAtLastEpoch ?? Joules.Zero)).Value))
                : null;
            history.Add(new EpochRecord(epoch, trainLoss, evalLoss, evalTop1, evalTop5, learningRate, total - samplesAtLastEpoch, now - start)
            {
                Energy = energy,
                Metrics = Metrics,
            });
            samplesAtLastEpoch = total;
            energyAtLastEpoch = cumulative;
            lastEpochEnd = now;
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            FormattableString.Invariant(
                $"[energy] epoch {epoch}/{Epochs}: train_loss={trainLoss:F4} eval_loss={evalLoss:F4} top1={evalTop1:P2} top5={evalTop5:P2} lr={learningRate:G4} elapsed={(now - StartedAt).TotalSeconds:F1} s"));
        ForecastAfterEpoch(epoch, cumulative);
    }

    // Energy of the open window so far × PUE; null in a warm-up run or when the window is closed (or closing).
    private Joules? EnergySoFar()
    {
        if (window is not { } open || WarmupRun > 0)
        {
            return null;
        }

        try
        {
            return open.Mark().Values.Aggregate(Joules.Zero, (sum, e) => sum + e) * session!.Run.Settings.Pue;
        }
        catch (InvalidOperationException)
        {
            // The watchdog closed the window meanwhile: the epoch is kept without its energy.
            return null;
        }
    }

    // Predict the run's energy from its per-epoch history and stop it early when the forecast clearly breaks its
    // energy budget: the rest of the run's energy is saved, and the row says so.
    private void ForecastAfterEpoch(int epoch, Joules? cumulative)
    {
        if (cumulative is not { } energySoFar || Epochs < 2)
        {
            return;
        }

        Accounting.EnergyForecast forecast;
        lock (forecasts)
        {
            energyAtEpochEnd.Add(energySoFar);
            if (energyAtEpochEnd.Count > Epochs)
            {
                return;
            }

            forecast = Accounting.EnergyForecast.Predict(energyAtEpochEnd, Epochs);
            forecasts.Add(forecast);
        }

        if (trialCase is null)
        {
            return;
        }

        // The baseline's energy for this case, looked up once per trial (null: nothing to stop against).
        baselineEnergy ??= new Lazy<BaselineEnergy?>(() => BaselineEnergy.Of(session!.Run, trialCase));
        if (ForecastStop.Decide(forecast, trialCase.Budget?.MaxEnergy, baselineEnergy.Value) is { } stop)
        {
            TestOutput.Instance.WriteLine("[energy] stopping: " + stop.Reason);
            watchdog?.Abort(stop.Status, stop.Reason);
        }
    }

    /// <summary>Metrics reported so far (the latest value of each name).</summary>
    public IReadOnlyList<ReportedMetric> Metrics
    {
        get
        {
            lock (metrics)
            {
                return [.. metrics];
            }
        }
    }

    /// <summary>
    /// Reports a metric of the experiment beyond loss and accuracy, e.g. <c>ReportMetric("mIoU", 0.712)</c> or
    /// <c>ReportMetric("error_rate", 3.1, "%", higherIsBetter: false)</c>. Reporting a name again replaces its value.
    /// </summary>
    /// <exception cref="ArgumentException">The name or value is not allowed (see <see cref="ReportedMetric"/>).</exception>
    public void ReportMetric(string name, double value, string? unit = null, bool higherIsBetter = true)
    {
        var metric = new ReportedMetric(name, value, unit, higherIsBetter);
        lock (metrics)
        {
            var existing = metrics.FindIndex(m => m.Name == name);
            if (existing >= 0)
            {
                metrics[existing] = metric;
            }
            else
            {
                metrics.Add(metric);
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(FormattableString.Invariant($"[energy] metric {name} = {value:G6}{(unit is null ? "" : " " + unit)}"));
    }

    /// <summary>Writes a line to the test's output.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Part of the per-experiment API; output belongs to the running test.")]
    public void Log(string message) => TestContext.Current.TestOutputHelper?.WriteLine(message);

    /// <summary>Starts measuring a phase of the experiment (e.g. evaluation); dispose it to end the phase.</summary>
    public EnergyPhase BeginPhase(string name)
    {
        if (WarmupRun > 0)
        {
            // A warm-up run measures nothing; its phases read zero and are never reported.
            return new EnergyPhase(name, () => new Dictionary<Probes.PowerComponent, Joules>(), "nothing (warm-up run)", session!.Run.Settings.Pue);
        }

        var open = window ?? throw new InvalidOperationException("Phases can only be measured while the experiment runs.");
        if (Volatile.Read(ref preparationState) == 1)
        {
            throw new InvalidOperationException($"Phase '{name}' began during the trial's preparation; phases measure the work after it, so end the preparation first.");
        }

        Interlocked.Increment(ref phasesBegun);
        return new EnergyPhase(name, open.Mark, open.MeasuredBy, session!.Run.Settings.Pue);
    }

    /// <summary>Opens the trial's measurement window (the measure step); called once, by the framework's hook.</summary>
    internal void BeginTrial()
    {
        if (WarmupRun > 0)
        {
            BeginWarmup();
            return;
        }

        if (window is not null)
        {
            throw new InvalidOperationException($"The measurement window of {CaseDisplayName} trial {Trial} is already open.");
        }

        var run = (session ?? throw new InvalidOperationException("This experiment case was not given a run by the EnergyFacts executor.")).Run;
        var budget = method is null ? null : EnergyBudget.For(method);
        trialCase = new TrialCase(CaseId, CaseDisplayName, Model, Dataset, Epochs, Batch, Trial, Trials, Definition.Seed, budget) { RequestedDevice = Device, Method = method is null ? CaseDisplayName : $"{method.DeclaringType?.FullName}.{method.Name}", ExtraTrial = ExtraTrial };
        var runCancellation = TestContext.Current.CancellationToken;
        if (run.Settings.CoolDown > TimeSpan.Zero && (Trial > 1 || Definition.Warmup > 0))
        {
            // Outside the gate and the window: other processes may measure meanwhile, and the pause costs this case nothing.
            TestOutput.Instance.WriteLine(FormattableString.Invariant($"[energy] cool-down {run.Settings.CoolDown.TotalSeconds:R} s before trial {Trial}"));
            runCancellation.WaitHandle.WaitOne(run.Settings.CoolDown);
        }

        window = TrialWindow.Open(run, TestOutput.Instance, $"{CaseDisplayName} trial {Trial}", runCancellation);
        StartedAt = window.StartedAt;
        var output = new CapturedOutput(TestContext.Current.TestOutputHelper);
        openTrialTicket = run.TrackOpenTrial(reason => FinishWithoutBody(run, ExperimentStatus.Cancelled, reason, output, endProcess: false));
        watchdog = new TrialWatchdog(
            run.Settings.TrialTimeout,
            run.Settings.CancelGrace,
            (status, reason) => FinishWithoutBody(run, status, reason, output, endProcess: true),
            runCancellation);
        trialToken = watchdog.Token;
    }

    // A warm-up run holds the experiment gate (it must not disturb another process's measurement) but measures nothing
    // and writes no row.
    private void BeginWarmup()
    {
        var run = (session ?? throw new InvalidOperationException("This experiment case was not given a run by the EnergyFacts executor.")).Run;
        run.PrepareTorchEnvironment();
        warmupPass = run.Gate.Enter($"{CaseDisplayName} warm-up {WarmupRun}", line => TestOutput.Instance.WriteLine("[energy] " + line), TestContext.Current.CancellationToken);
        StartedAt = DateTimeOffset.UtcNow;
    }

    private void EndWarmup()
    {
        warmupPass?.Dispose();
        warmupPass = null;
        TestOutput.Instance.WriteLine(FormattableString.Invariant(
            $"[energy] {CaseDisplayName} warm-up {WarmupRun}/{Definition.Warmup}: {(DateTimeOffset.UtcNow - StartedAt).TotalSeconds:F3} s, not measured"));
    }

    // A body that ignored its token past the grace period, or a process exiting mid-trial: the row is written from
    // what was measured, the window closed (sampler stopped, machine lock released), at most once.
    private void FinishWithoutBody(EnergyRun run, ExperimentStatus status, string reason, ITrialOutput output, bool endProcess)
    {
        var open = Interlocked.Exchange(ref window, null);
        if (open is null)
        {
            return;
        }

        finishedWithoutBody = reason;
        openTrialTicket?.Dispose();
        var measurement = open.Close();
        output.WriteLine("[energy] " + reason);
        var body = new TrialBody(status, reason, DeviceUsed, Samples, History)
        {
            Metrics = Metrics,
            Preparation = open.Preparation,
            IntraOpThreads = intraOpThreads,
            InterOpThreads = interOpThreads,
        };
        var result = TrialPipeline.Finish(run, trialCase!, body, measurement, output);
        if (endProcess)
        {
            run.EndProcess(
                3,
                $"[energy] {CaseDisplayName} trial {Trial}: {reason} Status {FileTokens.Of(result.Row.Outcome.Status)}, written to " +
                $"{run.Settings.ResultsDirectory}. The process ends now with exit code 3: .NET cannot stop the experiment's thread.");
        }
    }

    /// <summary>Closes the window and runs the rest of the trial pipeline; throws when the trial must fail.</summary>
    internal void EndTrial()
    {
        if (WarmupRun > 0)
        {
            EndWarmup();
            return;
        }

        watchdog?.Dispose();
        openTrialTicket?.Dispose();
        var open = Interlocked.Exchange(ref window, null);
        if (open is null)
        {
            throw finishedWithoutBody is { } reason
                ? new OperationCanceledException($"{CaseDisplayName} trial {Trial} was finished without its body: {reason}")
                : new InvalidOperationException($"The measurement window of {CaseDisplayName} trial {Trial} was never opened.");
        }

        var measurement = open.Close();
        var body = BodyOutcome() with { Preparation = open.Preparation };
        if (body.Status is ExperimentStatus.PredictedOverBudget or ExperimentStatus.PredictedOverBaseline && watchdog?.EndingReason is { } stopped)
        {
            var spent = measurement.TotalEnergy * session!.Run.Settings.Pue;
            var predicted = body.Forecasts[^1].PredictedTotal;
            body = body with
            {
                Message = FormattableString.Invariant(
                    $"Stopped early: {stopped}. Spent {spent.Value:G4} J before stopping; the abort saved about {(predicted - spent).Value:G4} J against the forecast."),
            };
        }

        var result = TrialPipeline.Finish(session!.Run, trialCase!, body, measurement, TestOutput.Instance);
        if (result.BudgetFailure is not null)
        {
            throw new EnergyBudgetExceededException(result.BudgetFailure);
        }

        if (result.Row.Outcome.Status == ExperimentStatus.PredictedOverBudget)
        {
            throw new EnergyBudgetExceededException(result.Row.Outcome.Message ?? "Stopped early: forecast over budget.");
        }

        if (result.Row.Outcome.Status == ExperimentStatus.PredictedOverBaseline)
        {
            throw new Xunit.Sdk.XunitException(result.Row.Outcome.Message ?? "Stopped early: forecast over the baseline.");
        }

        if (result.EvidenceFailure is not null)
        {
            throw new Xunit.Sdk.XunitException(result.EvidenceFailure);
        }

        if (result.GateFailure is not null)
        {
            throw new Xunit.Sdk.XunitException(result.GateFailure);
        }

        if (result.SinkFailure is not null)
        {
            throw new IOException(result.SinkFailure);
        }

        // A body that returned quietly after its time limit or a cancellation did not finish its work: never a pass.
        if (result.Row.Outcome.Status == ExperimentStatus.TimedOut && result.Row.Outcome.Message is { } timedOut)
        {
            throw new TimeoutException(timedOut);
        }
    }

    private TrialBody BodyOutcome()
    {
        var state = TestContext.Current.TestState;
        var status = state?.Result switch
        {
            // A body cut short by a time limit or a cancelled run ended no test of its own: it never counts as passed.
            TestResult.Failed when state.FailureCause == FailureCause.Timeout => ExperimentStatus.TimedOut,
            _ when watchdog?.Ending is { } ending => ending,
            _ when CancellationToken.IsCancellationRequested => ExperimentStatus.Cancelled,
            TestResult.Failed when state.FailureCause == FailureCause.Assertion => ExperimentStatus.Failed,
            TestResult.Failed => ExperimentStatus.Error,
            _ => ExperimentStatus.Passed,
        };
        var message = state?.ExceptionMessages is { Length: > 0 } messages ? $"{state.ExceptionTypes?.FirstOrDefault()}: {messages[0]}" : null;
        if (message is null && status == ExperimentStatus.TimedOut && watchdog is { Limit: var limit } && limit > TimeSpan.Zero)
        {
            message = FormattableString.Invariant($"The trial reached its time limit of {limit.TotalSeconds:R} s (trial-timeout); its cancellation token fired and the experiment returned.");
        }
        List<Accounting.EnergyForecast> made;
        lock (forecasts)
        {
            made = [.. forecasts];
        }

        return new TrialBody(status, message, DeviceUsed, Samples, History)
        {
            Metrics = Metrics,
            Forecasts = made,
            IntraOpThreads = intraOpThreads,
            InterOpThreads = interOpThreads,
        };
    }

    /// <summary>Ends the trial's preparation once, when disposed.</summary>
    private sealed class PreparationScope(Action? end) : IDisposable
    {
        private Action? end = end;

        public void Dispose() => Interlocked.Exchange(ref end, null)?.Invoke();
    }

    /// <summary>The running test's output.</summary>
    private sealed class TestOutput : ITrialOutput
    {
        public static TestOutput Instance { get; } = new();

        public void WriteLine(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
    }

    /// <summary>The output of the test that opened the trial, usable from the watchdog's and the exit handler's threads.</summary>
    private sealed class CapturedOutput(ITestOutputHelper? helper) : ITrialOutput
    {
        public void WriteLine(string line)
        {
            try
            {
                if (helper is not null)
                {
                    helper.WriteLine(line);
                    return;
                }
            }
            catch (InvalidOperationException)
            {
                // The test's output is closed (the test ended): the line still reaches the console below.
            }

            Console.Error.WriteLine(line);
        }
    }

    private static void CheckFraction(double? value, string name)
    {
        if (value is { } v && (!double.IsFinite(v) || v < 0 || v > 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "Accuracies are fractions from 0 to 1.");
        }
    }
}
