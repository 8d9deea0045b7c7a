using System.Reflection;
using Xunit.v3;

namespace EnergyFacts.Framework;

/// <summary>
/// The test method of an experiment case: xUnit's, plus the one measurement window hook, innermost of the method's
/// before/after attributes. Because the hook comes from the method and not from each [EnergyExperiment], a trial is
/// measured exactly once however the attributes are written.
/// </summary>
internal sealed class ExperimentTestMethod : XunitTestMethod, IXunitTestMethod
{
    private static readonly IBeforeAfterTestAttribute Hook = new MeasurementWindowHook();

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ExperimentTestMethod() { }

    public ExperimentTestMethod(IXunitTestClass testClass, MethodInfo method, string uniqueId)
        : base(testClass, method, [], uniqueId) { }

    IReadOnlyCollection<IBeforeAfterTestAttribute> IXunitTestMethod.BeforeAfterTestAttributes => [.. BeforeAfterTestAttributes, Hook];
}

/// <summary>Opens a trial's measurement window before the body and finishes the trial after it.</summary>
internal sealed class MeasurementWindowHook : IBeforeAfterTestAttribute
{
    public void Before(MethodInfo methodUnderTest, IXunitTest test)
    {
        if (test is EnergyTest energyTest)
        {
            energyTest.Context.BeginTrial();
        }
    }

    public void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        if (test is EnergyTest energyTest)
        {
            energyTest.Context.EndTrial();
        }
    }
}
