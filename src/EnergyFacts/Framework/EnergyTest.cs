using Xunit.Sdk;
using Xunit.v3;

namespace EnergyFacts.Framework;

/// <summary>One trial of an experiment case, carrying its <see cref="ExperimentContext"/>.</summary>
internal sealed class EnergyTest : XunitTest
{
    public EnergyTest(EnergyTestCase testCase, ExperimentContext context, string displayName, int testIndex, object?[] arguments)
        : base(
            testCase,
            testCase.TestMethod,
            testCase.Explicit,
            testCase.SkipReason,
            testCase.SkipType,
            testCase.SkipUnless,
            testCase.SkipWhen,
            displayName,
            testIndex,
            ((ITestCaseMetadata)testCase).Traits,
            testCase.Timeout,
            arguments,
            testLabel: null,
            disableParallelization: true)
    {
        Context = context;
    }

    public ExperimentContext Context { get; }
}
