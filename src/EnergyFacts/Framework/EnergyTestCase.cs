using System.Globalization;
using Xunit.Sdk;
using Xunit.v3;

namespace EnergyFacts.Framework;

/// <summary>One experiment case: a method × one <see cref="EnergyExperimentAttribute"/>. Runs as one test per trial.</summary>
internal sealed class EnergyTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public EnergyTestCase() { }

    public EnergyTestCase(
        IXunitTestMethod testMethod,
        string displayName,
        string uniqueId,
        EnergyExperimentAttribute experiment,
        Dictionary<string, HashSet<string>> traits)
        : base(
            testMethod,
            displayName,
            uniqueId,
            experiment.Explicit,
            skipExceptions: null,
            skipReason: experiment.Skip,
            skipType: null,
            skipUnless: null,
            skipWhen: null,
            traits,
            testMethodArguments: null,
            experiment.SourceFilePath,
            experiment.SourceLineNumber,
            timeout: null)
    {
        Definition = experiment.Definition;
    }

    public ExperimentDefinition Definition { get; private set; } = null!;

    /// <summary>The session's run, attached by the executor before the case runs (never serialized).</summary>
    public ExperimentSession? Session { get; set; }

    public override ValueTask<IReadOnlyCollection<IXunitTest>> CreateTests()
    {
        var takesContext = TestMethod.Parameters.Count == 1;
        var tests = new List<IXunitTest>(Definition.Warmup + Definition.Trials);
        for (var run = 1; run <= Definition.Warmup; run++)
        {
            var warmup = new ExperimentContext(Definition, trial: 0, TestCaseDisplayName, UniqueID, Session, TestMethod.Method) { WarmupRun = run };
            var label = string.Create(CultureInfo.InvariantCulture, $"{TestCaseDisplayName} (warm-up {run}/{Definition.Warmup})");
            tests.Add(new EnergyTest(this, warmup, label, tests.Count, takesContext ? [warmup] : []));
        }

        for (var trial = 1; trial <= Definition.Trials; trial++)
        {
            var context = new ExperimentContext(Definition, trial, TestCaseDisplayName, UniqueID, Session, TestMethod.Method);
            var name = Definition.Trials == 1
                ? TestCaseDisplayName
                : string.Create(CultureInfo.InvariantCulture, $"{TestCaseDisplayName} (trial {trial}/{Definition.Trials})");
            tests.Add(new EnergyTest(this, context, name, tests.Count, takesContext ? [context] : []));
        }

        return new(new ExperimentTrials(tests, extra => ExtraTrial(extra, tests.Count + extra - 1, takesContext)));
    }

    // The k-th extra trial, when the regression gate's verdict on the trial before it was inconclusive and
    // --energy-max-extra-trials allows one more; null ends the case. Asked only after the trial before it finished.
    private EnergyTest? ExtraTrial(int extra, int index, bool takesContext)
    {
        if (Session?.RunOrNull is not { } run || extra > run.Settings.Gates.MaxExtraTrials || !run.TakeExtraTrialWanted(UniqueID))
        {
            return null;
        }

        var trial = Definition.Trials + extra;
        var context = new ExperimentContext(Definition, trial, TestCaseDisplayName, UniqueID, Session, TestMethod.Method) { ExtraTrial = extra };
        var name = string.Create(CultureInfo.InvariantCulture, $"{TestCaseDisplayName} (extra trial {extra}/{run.Settings.Gates.MaxExtraTrials}: trial {trial})");
        return new EnergyTest(this, context, name, index, takesContext ? [context] : []);
    }

    /// <summary>
    /// A case's tests: the warm-ups and planned trials, then extra trials made one at a time while the gate asks for
    /// them. xUnit runs a case's tests in enumeration order and asks for the next only after the last one finished, so
    /// each extra trial is decided on the verdict of the trial before it. <see cref="Count"/> is the planned tests.
    /// </summary>
    private sealed class ExperimentTrials(IReadOnlyList<IXunitTest> planned, Func<int, IXunitTest?> extraTrial) : IReadOnlyCollection<IXunitTest>
    {
        public int Count => planned.Count;

        public IEnumerator<IXunitTest> GetEnumerator()
        {
            foreach (var test in planned)
            {
                yield return test;
            }

            for (var extra = 1; extraTrial(extra) is { } test; extra++)
            {
                yield return test;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    protected override void Serialize(IXunitSerializationInfo info)
    {
        base.Serialize(info);
        info.AddValue("efModel", Definition.Model);
        info.AddValue("efBatch", Definition.Batch);
        info.AddValue("efEpochs", Definition.Epochs);
        info.AddValue("efDataset", Definition.Dataset);
        info.AddValue("efDevice", Definition.Device);
        info.AddValue("efTrials", Definition.Trials);
        info.AddValue("efSeed", Definition.Seed);
        info.AddValue("efWarmup", Definition.Warmup);
    }

    protected override void Deserialize(IXunitSerializationInfo info)
    {
        base.Deserialize(info);
        Definition = new ExperimentDefinition(
            info.GetValue<string>("efModel") ?? string.Empty,
            info.GetValue<int>("efBatch"),
            info.GetValue<int>("efEpochs"),
            info.GetValue<string>("efDataset"),
            info.GetValue<string>("efDevice") ?? "auto",
            info.GetValue<int>("efTrials"),
            info.GetValue<int?>("efSeed"))
        {
            Warmup = info.GetValue<int>("efWarmup"),
        };
    }
}
