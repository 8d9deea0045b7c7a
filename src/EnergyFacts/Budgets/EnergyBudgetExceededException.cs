using Xunit.Sdk;

namespace EnergyFacts;

/// <summary>An experiment spent more than its <see cref="EnergyBudgetAttribute"/> allows. Reported as a failed assertion.</summary>
public sealed class EnergyBudgetExceededException : XunitException
{
    /// <summary>Creates the exception.</summary>
    public EnergyBudgetExceededException(string message) : base(message) { }
}
