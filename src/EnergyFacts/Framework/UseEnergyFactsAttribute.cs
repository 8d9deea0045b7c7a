using Xunit.v3;

namespace EnergyFacts;

/// <summary>
/// Registers EnergyFacts' test framework on a test assembly: <c>[assembly: EnergyFacts.UseEnergyFacts]</c>.
/// EnergyFacts' build props add it automatically to xUnit test projects that use the package or import the props.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class UseEnergyFactsAttribute : Attribute, ITestFrameworkAttribute
{
    /// <inheritdoc/>
    public Type FrameworkType => typeof(EnergyTestFramework);
}
