namespace EnergyFacts.Trials;

/// <summary>Where a trial's lines of report go (the running test's output under xUnit; a list in tests).</summary>
internal interface ITrialOutput
{
    void WriteLine(string line);
}
