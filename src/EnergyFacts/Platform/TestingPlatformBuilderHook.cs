using Microsoft.Testing.Platform.Builder;
using Microsoft.Testing.Platform.Services;

namespace EnergyFacts.Platform;

/// <summary>
/// Entry point that Microsoft.Testing.Platform's generated code calls for every <c>TestingPlatformBuilderHook</c> item
/// (added by EnergyFacts' build props), registering the <c>--energy-*</c> options and the session reporter.
/// </summary>
/// <remarks>Public only because generated code in the test project calls it.</remarks>
public static class TestingPlatformBuilderHook
{
    /// <summary>Adds EnergyFacts to the test application.</summary>
    /// <param name="builder">The test application builder.</param>
    /// <param name="arguments">The command line (unused: the options are read once the platform has parsed them, response files included).</param>
    public static void AddExtensions(ITestApplicationBuilder builder, string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.CommandLine.AddProvider(() => new EnergyCommandLineOptions());
        builder.TestHost.AddTestSessionLifetimeHandler(services => new EnergySessionReporter(services.GetMessageBus()));
    }
}
