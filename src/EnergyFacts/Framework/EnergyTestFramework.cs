using System.Reflection;
using Xunit.v3;

namespace EnergyFacts;

/// <summary>xUnit v3's framework, plus discovery of methods that carry only <see cref="EnergyExperimentAttribute"/>s.</summary>
public sealed class EnergyTestFramework : XunitTestFramework
{
    private readonly string? configFileName;

    /// <summary>Creates the framework.</summary>
    public EnergyTestFramework() { }

    /// <summary>Creates the framework with an xUnit configuration file.</summary>
    public EnergyTestFramework(string? configFileName) : base(configFileName) => this.configFileName = configFileName;

    /// <inheritdoc/>
    public override string TestFrameworkDisplayName => "EnergyFacts on " + base.TestFrameworkDisplayName;

    /// <inheritdoc/>
    protected override ITestFrameworkDiscoverer CreateDiscoverer(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return new Framework.EnergyTestFrameworkDiscoverer(
            new XunitTestAssembly(assembly, configFileName, assemblyName: null, assemblyPath: null, targetFramework: null, uniqueID: null, assembly.GetName().Version));
    }

    /// <inheritdoc/>
    protected override ITestFrameworkExecutor CreateExecutor(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return new Framework.EnergyTestFrameworkExecutor(
            new XunitTestAssembly(assembly, configFileName, assemblyName: null, assemblyPath: null, targetFramework: null, uniqueID: null, assembly.GetName().Version));
    }
}
